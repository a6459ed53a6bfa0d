/* capture.h — --pcap FILE: the packets of the run's own connections,
 * written as a pcap file with libpcap while the chain runs.
 *
 * The capture opens libpcap's "any" device when the run starts (needs
 * CAP_NET_RAW; without it the report says "skipped: needs CAP_NET_RAW",
 * and a build without libpcap says "not built with libpcap"); it is read
 * on the run's loop (the selectable fd, non-blocking).  Until dns has
 * resolved the target nothing matches; then the BPF filter is the
 * target's addresses and the ports the chain connects to (the target
 * port; SMTP also 25, 587, 465), plus ICMP from those addresses.  FTP
 * data connections (ports the server picks) are not in the filter.
 *
 * Secrets: when a password is configured (an authenticated session may
 * run), every TCP payload is cut after the TCP header (caplen shortened,
 * the original length kept), so no byte of a command or a reply reaches
 * the file; otherwise payloads are kept up to CAPTURE_PAYLOAD_KEEP bytes
 * per packet.  The file is written like -o (safefile.h: mode 0600, never
 * through a symbolic link, put in place only when complete). */
#ifndef SOCKDOC_CAPTURE_H
#define SOCKDOC_CAPTURE_H

#include <jansson.h>

#define CAPTURE_PAYLOAD_KEEP 512 /* payload bytes kept without a password */

struct run;

/* Open the capture for RUN when --pcap is set (run->capture); failures
 * are recorded for the report, never stop the run. */
void capture_start(struct run *run);
/* Once the target is resolved: the BPF filter on its addresses and the
 * ports; a no-op before dns finished or when already set. */
void capture_addrs(struct run *run);
/* The run ended: read what is pending, write and put the file in place. */
void capture_stop(struct run *run);
/* The report's "capture" object {file, status (written|skipped|error),
 * reason, packets, dropped, payloads (headers_only|first_512_bytes),
 * filter, look_for[]}; NULL without --pcap.  New reference. */
json_t *capture_json(struct run *run);
/* Release everything (after capture_stop, or instead of it). */
void capture_free(struct run *run);

#endif
