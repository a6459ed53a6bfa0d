/* capture.c — --pcap: libpcap on the run's loop, filtered to the run's
 * own connections, payloads cut when secrets may flow (capture.h). */
#include "config.h"

#include "capture.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_LIBPCAP
#include <pcap/pcap.h>
#include <pcap/sll.h>

#include "pcapload.h"
#endif

#include "i18n.h"
#include "netpath.h"
#include "run.h"
#include "safefile.h"
#include "util.h"

#define CAPTURE_SNAPLEN 2048 /* bytes read per packet before the cut */

/* A capture in progress or done. */
struct capture {
	const char *file;        /* --pcap FILE (not owned) */
	const char *status;      /* capturing|written|skipped|error */
	char reason[256];        /* why skipped or failed, translated */
	char filter[512];        /* the BPF expression in force */
	long long packets;       /* packets written */
	long long dropped;       /* packets the kernel dropped (pcap_stats) */
	bool cut;                /* payloads cut after the TCP header */
	bool filtered;           /* the target filter is set */
	struct loop *loop;       /* the run's loop */
#ifdef HAVE_LIBPCAP
	pcap_t *pc;              /* the capture handle */
	pcap_dumper_t *dump;     /* the writer (on a dup of sf.f) */
	struct safe_file sf;     /* the file being written */
	bool sf_open;            /* sf holds a temporary file */
	int fd;                  /* selectable fd, -1 none */
	int linktype;            /* DLT_* of the device */
#endif
};

/* Record a failure (STATUS skipped or error) with a translated REASON. */
static void cap_fail(struct capture *c, const char *status,
		     const char *reason)
{
	c->status = status;
	str_copy(c->reason, reason, sizeof(c->reason));
}

#ifdef HAVE_LIBPCAP
/* libpcap's functions, loaded by the first capture (pcapload.h). */
static const struct pcap_api *P;

/* Offset of the IP header and its version (4, 6; 0 unknown) for a packet
 * of link type LT. */
static size_t l2_len(int lt, const unsigned char *b, size_t n, int *ipv)
{
	size_t off = 0;
	unsigned proto = 0;

	*ipv = 0;
	if (lt == DLT_LINUX_SLL && n >= 16) {
		off = 16;
		proto = (unsigned)b[14] << 8 | b[15];
	} else if (lt == DLT_LINUX_SLL2 && n >= 20) {
		off = 20;
		proto = (unsigned)b[0] << 8 | b[1];
	} else if (lt == DLT_EN10MB && n >= 14) {
		off = 14;
		proto = (unsigned)b[12] << 8 | b[13];
	} else if (lt == DLT_RAW && n >= 1) {
		*ipv = b[0] >> 4;
		return 0;
	} else {
		return 0;
	}
	*ipv = proto == 0x0800 ? 4 : proto == 0x86DD ? 6 : 0;
	return off;
}

/* Bytes of the packet to keep: the headers, plus KEEP payload bytes
 * (0 when the payload must go).  Non-TCP packets (ICMP) are kept up to
 * 128 bytes: they quote an IP and a TCP header, no payload. */
static size_t keep_len(int lt, const unsigned char *b, size_t n, size_t keep)
{
	int ipv;
	size_t off = l2_len(lt, b, n, &ipv), ip, tcp;
	unsigned proto;

	if (ipv == 4 && n >= off + 20) {
		ip = (size_t)(b[off] & 0x0f) * 4;
		proto = b[off + 9];
	} else if (ipv == 6 && n >= off + 40) {
		ip = 40;
		proto = b[off + 6];
	} else {
		return n < 64 ? n : 64; /* unknown: a link header's worth */
	}
	if (proto != 6)
		return n < off + 128 ? n : off + 128;
	if (n < off + ip + 13)
		return n;
	tcp = (size_t)(b[off + ip + 12] >> 4) * 4;
	return n < off + ip + tcp + keep ? n : off + ip + tcp + keep;
}

/* One packet from libpcap: cut it and write it. */
static void on_packet(u_char *arg, const struct pcap_pkthdr *h,
		      const u_char *bytes)
{
	struct capture *c = (struct capture *)arg;
	struct pcap_pkthdr out = *h;

	out.caplen = (bpf_u_int32)keep_len(c->linktype, bytes, h->caplen,
					   c->cut ? 0 : CAPTURE_PAYLOAD_KEEP);
	P->dump((u_char *)c->dump, &out, bytes);
	c->packets++;
}

/* The capture fd is readable: take every pending packet. */
static void on_readable(int fd, unsigned events, void *arg)
{
	struct capture *c = arg;

	(void)fd;
	(void)events;
	while (P->dispatch(c->pc, -1, on_packet, (u_char *)c) > 0)
		;
}

/* Set the BPF filter EXPR; false (reason recorded) when it does not
 * compile or apply. */
static bool set_filter(struct capture *c, const char *expr)
{
	struct bpf_program prog;
	bool ok;

	if (P->compile(c->pc, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		cap_fail(c, "error", P->geterr(c->pc));
		return false;
	}
	ok = P->setfilter(c->pc, &prog) == 0;
	if (!ok)
		cap_fail(c, "error", P->geterr(c->pc));
	P->freecode(&prog);
	str_copy(c->filter, expr, sizeof(c->filter));
	return ok;
}

/* Open the "any" device; false with the reason recorded. */
static bool open_device(struct capture *c)
{
	char err[PCAP_ERRBUF_SIZE] = "", why[PCAP_ERRBUF_SIZE + 64];
	int rc;

	if (!P)
		P = pcap_api_load(err, sizeof(err));
	if (!P) {
		str_printf(why, sizeof(why), _("skipped: libpcap could not be loaded (%s)"), err);
		cap_fail(c, "skipped", why);
		return false;
	}
	c->pc = P->create("any", err);
	if (!c->pc) {
		cap_fail(c, "error", err);
		return false;
	}
	P->set_snaplen(c->pc, CAPTURE_SNAPLEN);
	P->set_promisc(c->pc, 0);
	P->set_immediate_mode(c->pc, 1);
	rc = P->activate(c->pc);
	if (rc == PCAP_ERROR_PERM_DENIED ||
	    (rc < 0 && strstr(P->geterr(c->pc), "permitted"))) {
		cap_fail(c, "skipped", _("skipped: needs CAP_NET_RAW (run as root or give sockdoc the capability)"));
		return false;
	}
	if (rc < 0) {
		cap_fail(c, "error", P->geterr(c->pc));
		return false;
	}
	c->linktype = P->datalink(c->pc);
	return P->setnonblock(c->pc, 1, err) == 0 &&
	       set_filter(c, "less 1"); /* nothing until the target is known */
}

/* Open the file (like -o) and the pcap writer on a duplicate of it. */
static bool open_file(struct capture *c)
{
	int rc = safe_file_open(&c->sf, c->file, true), fd;
	FILE *f;

	if (rc < 0) {
		cap_fail(c, "error", safe_file_strerror(rc));
		return false;
	}
	c->sf_open = true;
	fd = dup(fileno(c->sf.f));
	f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		cap_fail(c, "error", strerror(errno));
		return false;
	}
	c->dump = P->dump_fopen(c->pc, f);
	if (!c->dump) {
		fclose(f);
		cap_fail(c, "error", P->geterr(c->pc));
		return false;
	}
	return true;
}
#endif /* HAVE_LIBPCAP */

void capture_start(struct run *run)
{
	struct capture *c;

	if (!run->opt->pcap || run->capture)
		return;
	c = calloc(1, sizeof(*c));
	if (!c)
		return;
	run->capture = c;
	c->file = run->opt->pcap;
	c->loop = run->loop;
	c->status = "capturing";
	c->cut = run->opt->password != NULL;
#ifdef HAVE_LIBPCAP
	c->fd = -1;
	if (!open_device(c) || !open_file(c))
		return;
	c->fd = P->get_selectable_fd(c->pc);
	if (c->fd < 0 || loop_watch(c->loop, c->fd, LOOP_IN, on_readable, c) < 0)
		cap_fail(c, "error", _("the capture has no descriptor to watch"));
#else
	cap_fail(c, "skipped", _("skipped: sockdoc was not built with libpcap (install libpcap-dev and build again)"));
#endif
}

#ifdef HAVE_LIBPCAP
/* " or 25 or 587..." : the ports the chain connects to. */
static void filter_ports(const struct run *run, char *buf, size_t size)
{
	int port = run->target.port;

	str_printf(buf, size, "tcp port %d", port);
	if (run->target.proto == PROTO_SMTP)
		str_printf(buf + strlen(buf), size - strlen(buf),
			   " or tcp port 25 or tcp port 587 or tcp port 465");
}
#endif

void capture_addrs(struct run *run)
{
#ifdef HAVE_LIBPCAP
	struct capture *c = run->capture;
	char hosts[400] = "", ports[160], addr[64], expr[600];
	const struct sockaddr *proxy;
	int i;

	if (!c || c->filtered || strcmp(c->status, "capturing") ||
	    !probe_done(run_probe(run, "dns")))
		return;
	c->filtered = true;
	for (i = 0; i < run->naddrs; i++) {
		if (run->addrs[i].by_proxy_name)
			continue; /* the proxy's lookup: only the proxy is seen */
		addr_to_str((struct sockaddr *)&run->addrs[i].sa, addr,
			    sizeof(addr));
		str_printf(hosts + strlen(hosts), sizeof(hosts) - strlen(hosts),
			   "%shost %s", hosts[0] ? " or " : "", addr);
	}
	/* Resolved here if no connection asked for it yet: without it, a
	 * proxied run's file would stay empty. */
	proxy = netpath_proxy_sa(run);
	if (!hosts[0] && !proxy)
		return; /* nothing resolved: nothing to capture */
	filter_ports(run, ports, sizeof(ports));
	if (hosts[0])
		str_printf(expr, sizeof(expr), "(%s) and (%s or icmp or icmp6)",
			   hosts, ports);
	else
		str_copy(expr, "(tcp and not tcp)", sizeof(expr)); /* none */
	if (proxy) {
		/* Through a proxy the connections go to it, not the server. */
		addr_to_str(proxy, addr, sizeof(addr));
		str_printf(expr + strlen(expr), sizeof(expr) - strlen(expr),
			   " or (host %s and tcp port %d)", addr,
			   run->path.proxy_port);
	}
	set_filter(c, expr);
#else
	(void)run;
#endif
}

void capture_stop(struct run *run)
{
#ifdef HAVE_LIBPCAP
	struct capture *c = run->capture;
	struct pcap_stat ps;
	int rc;

	if (!c || !c->pc)
		return;
	if (c->fd >= 0)
		loop_unwatch(c->loop, c->fd);
	c->fd = -1;
	if (c->dump) {
		on_readable(-1, 0, c);
		if (P->stats(c->pc, &ps) == 0)
			c->dropped = ps.ps_drop;
		P->dump_close(c->dump);
		c->dump = NULL;
	}
	if (c->sf_open) {
		c->sf_open = false;
		if (strcmp(c->status, "capturing")) {
			safe_file_abort(&c->sf);
		} else {
			rc = safe_file_commit(&c->sf);
			if (rc < 0)
				cap_fail(c, "error", safe_file_strerror(rc));
			else
				c->status = "written";
		}
	}
	P->close(c->pc);
	c->pc = NULL;
#else
	(void)run;
#endif
}

/* What to look at in the file, from what the chain saw. */
static json_t *look_for(struct run *run)
{
	json_t *a = json_array();
	const char *banner = run->facts.banner_result;
	json_t *addrs = json_object_get(run_probe(run, "reach")->details,
					"addresses"), *o;
	const char *up;
	size_t i;

	json_array_foreach(addrs, i, o) {
		const char *r = json_string_value(json_object_get(o, "result"));

		if (r && !strcmp(r, "refused"))
			json_array_append_new(a, json_string(_("the RST that answers the SYN: nothing listens on the port")));
		else if (r && !strcmp(r, "filtered"))
			json_array_append_new(a, json_string(_("the SYN sent again and again without a SYN-ACK (retransmissions): something on the path drops it")));
		else if (r && !strcmp(r, "unreachable"))
			json_array_append_new(a, json_string(_("the ICMP unreachable message that answers the SYN")));
	}
	if (!strcmp(banner, "reset"))
		json_array_append_new(a, json_string(_("the RST right after the handshake (SYN, SYN-ACK, ACK, then RST)")));
	up = json_string_value(json_object_get(run_probe(run, "trial.upload")->details,
					       "result"));
	if (up && !strcmp(up, "reset"))
		json_array_append_new(a, json_string(_("the RST in the middle of an upload, after the same number of bytes each time, and who sent it")));
	if (!json_array_size(a))
		json_array_append_new(a, json_string(_("the handshake (SYN, SYN-ACK, ACK), retransmissions, and which side sends the first FIN or RST")));
	return a;
}

json_t *capture_json(struct run *run)
{
	struct capture *c = run->capture;
	json_t *o;

	if (!c)
		return NULL;
	o = json_pack("{s:s,s:s,s:I,s:I,s:s,s:s}", "file", c->file,
		      "status", !strcmp(c->status, "capturing") ? "error" :
		      c->status, "packets", (json_int_t)c->packets,
		      "dropped", (json_int_t)c->dropped, "payloads",
		      c->cut ? "headers_only" : "first_512_bytes",
		      "filter", c->filter);
	if (c->reason[0])
		json_object_set_new(o, "reason", json_string(c->reason));
	if (!strcmp(c->status, "written"))
		json_object_set_new(o, "look_for", look_for(run));
	return o;
}

void capture_free(struct run *run)
{
	struct capture *c = run->capture;

	if (!c)
		return;
	capture_stop(run);
#ifdef HAVE_LIBPCAP
	if (c->sf_open)
		safe_file_abort(&c->sf);
#endif
	free(c);
	run->capture = NULL;
}
