/* ftp_data.h — the shared engine of ftp.passive and ftp.active: each
 * probe lists its modes (the data-connection commands to try, in order)
 * and hands them to ftp_data_start(). */
#ifndef SOCKDOC_FTP_DATA_H
#define SOCKDOC_FTP_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "ftp_session.h"
#include "probe.h"

struct run;

/* One way to open the data connection. */
struct data_mode {
	const char *name;  /* detail key / token */
	const char *verb;  /* FTP command */
	bool active;       /* PORT/EPRT: the server connects to us */
	bool extended;     /* EPSV/EPRT (RFC 2428) */
	bool follow_adv;   /* connect to the advertised PASV address */
};

/* The security (RFC 4217) ftp.login found working for RUN
 * (run->facts.ftp_login_sec). */
enum ftp_sec ftp_login_sec(struct run *run);
/* applies(): an FTP target, reachable, whose login worked
 * (run->facts.ftp_login_ok). */
bool ftp_data_applies(struct probe *p, char *reason, size_t size);
/* Run the N MODES in order on fresh sessions; ends with probe_finish().
 * Sets run->facts.ftp_passive_works / ftp_active_works.  The state's
 * destructor (ftp_session_state_dtor) frees the session in flight. */
void ftp_data_start(struct probe *p, const struct data_mode *modes, int n);

#endif
