/* pcapload.h — libpcap, loaded with dlopen(3) when a capture starts, not
 * linked: libpcap brings D-Bus, libsystemd, libgcrypt and four more
 * libraries with it, some 0.6 ms of dynamic linking on every process
 * start, while only --pcap runs use it.  The functions are libpcap's own
 * (pcap(3PCAP)), reached through this table; the types and constants
 * still come from <pcap/pcap.h>. */
#ifndef SOCKDOC_PCAPLOAD_H
#define SOCKDOC_PCAPLOAD_H

/* HAVE_LIBPCAP comes from config.h, which the including file reads
 * first, as every file here does. */
#ifdef HAVE_LIBPCAP
#include <stddef.h>

#include <pcap/pcap.h>

/* The libpcap functions capture.c calls, by their pcap_ names without
 * the prefix. */
struct pcap_api {
	pcap_t *(*create)(const char *, char *);
	int (*set_snaplen)(pcap_t *, int);
	int (*set_promisc)(pcap_t *, int);
	int (*set_immediate_mode)(pcap_t *, int);
	int (*activate)(pcap_t *);
	int (*datalink)(pcap_t *);
	int (*setnonblock)(pcap_t *, int, char *);
	int (*get_selectable_fd)(pcap_t *);
	char *(*geterr)(pcap_t *);
	int (*compile)(pcap_t *, struct bpf_program *, const char *, int,
		       bpf_u_int32);
	int (*setfilter)(pcap_t *, struct bpf_program *);
	void (*freecode)(struct bpf_program *);
	int (*dispatch)(pcap_t *, int, pcap_handler, u_char *);
	pcap_dumper_t *(*dump_fopen)(pcap_t *, FILE *);
	void (*dump)(u_char *, const struct pcap_pkthdr *, const u_char *);
	void (*dump_close)(pcap_dumper_t *);
	int (*stats)(pcap_t *, struct pcap_stat *);
	void (*close)(pcap_t *);
};

/* The table, loaded on the first call (libpcap.so.0.8, then .so.1, then
 * .so) and kept for the process; NULL with dlerror()'s text in ERR
 * (ERRLEN bytes) when the library or one of its functions is missing. */
const struct pcap_api *pcap_api_load(char *err, size_t errlen);
#endif

#endif
