/* test_netpath.c — the connection path without a network: the proxy
 * handshakes (proxyshake.c) against scripted answers on a socketpair,
 * never reading past the proxy's answer; the path options' checks and
 * the environment read the way curl reads it (netpath_opts.c); the
 * stand-in destination of a name only the proxy resolves
 * (netpath_standin.c). */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "netpath.h"
#include "options.h"
#include "proxyshake.h"
#include "run.h"
#include "target.h"
#include "util.h"

/* A connected non-blocking pair: fd[0] is ours, fd[1] the "proxy". */
static void pair(int fd[2])
{
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0,
				    fd), 0);
}

/* The proxy sends LEN bytes. */
static void proxy_says(int fd, const void *buf, size_t len)
{
	assert_int_equal(write(fd, buf, len), (ssize_t)len);
}

/* What the client has left to read on FD (after the handshake). */
static ssize_t rest(int fd, char *buf, size_t size)
{
	ssize_t n = read(fd, buf, size - 1);

	buf[n > 0 ? n : 0] = '\0';
	return n;
}

/* A destination 192.0.2.7:25. */
static void dest4(struct sockaddr_storage *ss)
{
	assert_true(addr_parse("192.0.2.7", 25, ss));
}

/* SOCKS5 with the name: greeting, request, reply; the banner after it
 * stays unread. */
static void test_socks5h_ok(void **state)
{
	struct tcpconn_via via = { .kind = TCPCONN_SOCKS5H, .name = "mail.test" };
	struct proxyshake ps;
	struct sockaddr_storage ss;
	static const unsigned char greet[] = { 5, 1, 0 };
	static const unsigned char req[] = { 5, 1, 0, 3, 9, 'm', 'a', 'i', 'l',
		'.', 't', 'e', 's', 't', 0, 25 };
	static const unsigned char reply[] = { 5, 0, 0, 1, 1, 2, 3, 4, 0, 80,
		'2', '2', '0', ' ', 'h', 'i', '\r', '\n' };
	char buf[64];
	int fd[2];

	(void)state;
	dest4(&ss);
	pair(fd);
	assert_int_equal(proxyshake_init(&ps, &via, (struct sockaddr *)&ss), 0);
	assert_int_equal(ps.outlen, sizeof(greet));
	assert_memory_equal(ps.out, greet, sizeof(greet));
	assert_int_equal(proxyshake_read(&ps, fd[0]), PROXYSHAKE_MORE);
	proxy_says(fd[1], "\5\0", 2);
	assert_int_equal(proxyshake_read(&ps, fd[0]), PROXYSHAKE_MORE);
	assert_int_equal(ps.outlen, sizeof(req));
	assert_memory_equal(ps.out, req, sizeof(req));
	/* The reply arrives in two pieces, the banner glued to it. */
	proxy_says(fd[1], reply, 3);
	assert_int_equal(proxyshake_read(&ps, fd[0]), PROXYSHAKE_MORE);
	proxy_says(fd[1], reply + 3, sizeof(reply) - 3);
	assert_int_equal(proxyshake_read(&ps, fd[0]), 0);
	assert_int_equal(rest(fd[0], buf, sizeof(buf)), 8);
	assert_string_equal(buf, "220 hi\r\n");
	close(fd[0]);
	close(fd[1]);
}

/* Run a SOCKS5 exchange up to the reply code REP; returns the outcome. */
static int socks5_rep(enum tcpconn_kind kind, const char *name, int rep)
{
	struct tcpconn_via via = { .kind = kind, .name = name };
	struct proxyshake ps;
	struct sockaddr_storage ss;
	unsigned char reply[] = { 5, (unsigned char)rep, 0, 1, 0, 0, 0, 0, 0, 0 };
	int fd[2], r;

	dest4(&ss);
	pair(fd);
	assert_int_equal(proxyshake_init(&ps, &via, (struct sockaddr *)&ss), 0);
	proxy_says(fd[1], "\5\0", 2);
	assert_int_equal(proxyshake_read(&ps, fd[0]), PROXYSHAKE_MORE);
	proxy_says(fd[1], reply, sizeof(reply));
	r = proxyshake_read(&ps, fd[0]);
	close(fd[0]);
	close(fd[1]);
	return r;
}

/* SOCKS5 reply codes: the proxy's own refusals vs the destination's. */
static void test_socks5_replies(void **state)
{
	(void)state;
	assert_int_equal(socks5_rep(TCPCONN_SOCKS5, NULL, 2), TCPCONN_EPROXY_DENIED);
	assert_int_equal(socks5_rep(TCPCONN_SOCKS5, NULL, 5), ECONNREFUSED);
	assert_int_equal(socks5_rep(TCPCONN_SOCKS5, NULL, 4), EHOSTUNREACH);
	assert_int_equal(socks5_rep(TCPCONN_SOCKS5H, "x.test", 4),
			 TCPCONN_EPROXY_RESOLVE);
	assert_int_equal(socks5_rep(TCPCONN_SOCKS5H, "x.test", 1),
			 TCPCONN_EPROXY_NAME);
	assert_int_equal(socks5_rep(TCPCONN_SOCKS5, NULL, 1), TCPCONN_EPROXY_FAILED);
	assert_int_equal(socks5_rep(TCPCONN_SOCKS5, NULL, 6), ETIMEDOUT);
	/* socks5:// sends the address even when a name is known. */
	assert_int_equal(socks5_rep(TCPCONN_SOCKS5, "x.test", 4), EHOSTUNREACH);
}

/* SOCKS5 login (RFC 1929): offered, asked for, sent, refused. */
static void test_socks5_auth(void **state)
{
	struct tcpconn_via via = { .kind = TCPCONN_SOCKS5, .user = "al",
				   .pass = "pw" };
	struct proxyshake ps;
	struct sockaddr_storage ss;
	static const unsigned char login[] = { 1, 2, 'a', 'l', 2, 'p', 'w' };
	char note[80] = "";
	int fd[2];

	(void)state;
	via.reply = note;
	via.replylen = sizeof(note);
	dest4(&ss);
	pair(fd);
	assert_int_equal(proxyshake_init(&ps, &via, (struct sockaddr *)&ss), 0);
	assert_int_equal(ps.outlen, 4); /* 5, 2 methods: none, user/pass */
	proxy_says(fd[1], "\5\2", 2);
	assert_int_equal(proxyshake_read(&ps, fd[0]), PROXYSHAKE_MORE);
	assert_int_equal(ps.outlen, sizeof(login));
	assert_memory_equal(ps.out, login, sizeof(login));
	proxy_says(fd[1], "\1\1", 2);
	assert_int_equal(proxyshake_read(&ps, fd[0]), TCPCONN_EPROXY_AUTH);
	assert_null(strstr(note, "pw"));
	close(fd[0]);
	close(fd[1]);
	/* Without credentials, a proxy that wants them: auth required. */
	via.user = via.pass = NULL;
	pair(fd);
	assert_int_equal(proxyshake_init(&ps, &via, (struct sockaddr *)&ss), 0);
	proxy_says(fd[1], "\5\377", 2);
	assert_int_equal(proxyshake_read(&ps, fd[0]), TCPCONN_EPROXY_AUTH);
	close(fd[0]);
	close(fd[1]);
}

/* SOCKS4: granted, rejected; IPv6 cannot go, SOCKS4a sends the name. */
static void test_socks4(void **state)
{
	struct tcpconn_via via = { .kind = TCPCONN_SOCKS4 };
	struct proxyshake ps;
	struct sockaddr_storage ss, v6;
	static const unsigned char ok[] = { 0, 90, 0, 0, 0, 0, 0, 0 };
	static const unsigned char no[] = { 0, 91, 0, 0, 0, 0, 0, 0 };
	int fd[2];

	(void)state;
	dest4(&ss);
	pair(fd);
	assert_int_equal(proxyshake_init(&ps, &via, (struct sockaddr *)&ss), 0);
	assert_int_equal(ps.outlen, 9);
	proxy_says(fd[1], ok, sizeof(ok));
	assert_int_equal(proxyshake_read(&ps, fd[0]), 0);
	close(fd[0]);
	close(fd[1]);
	pair(fd);
	assert_int_equal(proxyshake_init(&ps, &via, (struct sockaddr *)&ss), 0);
	proxy_says(fd[1], no, sizeof(no));
	assert_int_equal(proxyshake_read(&ps, fd[0]), TCPCONN_EPROXY_DENIED);
	close(fd[0]);
	close(fd[1]);
	assert_true(addr_parse("2001:db8::1", 25, &v6));
	assert_int_equal(proxyshake_init(&ps, &via, (struct sockaddr *)&v6),
			 EAFNOSUPPORT);
	via.kind = TCPCONN_SOCKS4A;
	via.name = "mx.test";
	assert_int_equal(proxyshake_init(&ps, &via, (struct sockaddr *)&v6), 0);
	assert_int_equal(ps.outlen, 9 + 8);
	assert_memory_equal(ps.out + 4, "\0\0\0\1", 4);
	assert_string_equal((char *)ps.out + 9, "mx.test");
}

/* One HTTP CONNECT exchange: the proxy answers ANSWER. */
static int http_answer(const char *answer, char *left, size_t size,
		       struct proxyshake *ps)
{
	struct tcpconn_via via = { .kind = TCPCONN_HTTP, .name = "mail.test",
				   .user = "alice", .pass = "s3cret" };
	struct sockaddr_storage ss;
	int fd[2], r;

	dest4(&ss);
	pair(fd);
	assert_int_equal(proxyshake_init(ps, &via, (struct sockaddr *)&ss), 0);
	ps->out[ps->outlen] = '\0';
	assert_non_null(strstr((char *)ps->out, "CONNECT mail.test:25 HTTP/1.1\r\n"));
	assert_non_null(strstr((char *)ps->out,
		"Proxy-Authorization: Basic YWxpY2U6czNjcmV0\r\n"));
	proxy_says(fd[1], answer, strlen(answer));
	r = proxyshake_read(ps, fd[0]);
	if (left)
		rest(fd[0], left, size);
	close(fd[0]);
	close(fd[1]);
	return r;
}

/* HTTP CONNECT answers: 200 (the banner after it kept), 407, 403, 5xx,
 * not HTTP. */
static void test_http_connect(void **state)
{
	struct proxyshake ps;
	char left[64];

	(void)state;
	assert_int_equal(http_answer("HTTP/1.1 200 Connection established\r\n"
		"Proxy-agent: x\r\n\r\n220 mail ESMTP\r\n", left, sizeof(left),
		&ps), 0);
	assert_string_equal(left, "220 mail ESMTP\r\n");
	assert_int_equal(http_answer("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n",
				     NULL, 0, &ps), TCPCONN_EPROXY_AUTH);
	assert_int_equal(http_answer("HTTP/1.0 403 Access violation\r\n\r\n",
				     NULL, 0, &ps), TCPCONN_EPROXY_DENIED);
	assert_int_equal(http_answer("HTTP/1.0 500 Unable to connect\r\n\r\n",
				     NULL, 0, &ps), TCPCONN_EPROXY_FAILED);
	assert_int_equal(http_answer("SSH-2.0-OpenSSH\r\n\r\n", NULL, 0, &ps),
			 TCPCONN_EPROXY_PROTOCOL);
	/* Not complete yet: wait. */
	assert_int_equal(http_answer("HTTP/1.1 200 OK\r\n", NULL, 0, &ps),
			 PROXYSHAKE_MORE);
}

/* The options' checks. */
static void test_check(void **state)
{
	(void)state;
	assert_null(netpath_check("--proxy", "socks5h://u:p@[::1]:1080"));
	assert_null(netpath_check("--proxy", "proxy.test:3128"));
	assert_null(netpath_check("--proxy", ""));
	assert_non_null(netpath_check("--proxy", "https://p.test"));
	assert_non_null(netpath_check("--proxy", "socks5://p.test:0"));
	assert_non_null(netpath_check("--proxy", "http://p.test:80/x"));
	assert_null(netpath_check("--resolve", "mail.test:587:192.0.2.7"));
	assert_null(netpath_check("--resolve", "mail.test:587:[2001:db8::7]"));
	assert_non_null(netpath_check("--resolve", ":587:192.0.2.7"));
	assert_non_null(netpath_check("--resolve", "mail.test:587:mail2.test"));
	assert_null(netpath_check("--connect-to", "mail.test:25:mx.test:2525"));
	assert_null(netpath_check("--connect-to", "::[::1]:25"));
	assert_null(netpath_check("--connect-to", "mail.test:25::2525"));
	assert_non_null(netpath_check("--connect-to", "mail.test:25"));
	assert_non_null(netpath_check("--connect-to", "mail.test:25::"));
	assert_null(netpath_check("--interface", "lo"));
	assert_null(netpath_check("--interface", "127.0.0.1"));
	assert_non_null(netpath_check("--interface", "nope0"));
}

/* The run's path for TARGET with O; returns netpath_setup's result. */
static int setup(struct netpath *np, struct options *o, const char *target)
{
	struct target t;
	char err[256];

	assert_int_equal(target_parse(target, PROTO_UNKNOWN, 0, TLS_AUTO, &t,
				      err, sizeof(err)), 0);
	return netpath_setup(np, o, &t, err, sizeof(err));
}

/* Curl's reading of the environment; -x and --noproxy first. */
static void test_env(void **state)
{
	struct options o;
	struct netpath np;
	json_t *j;
	char *s;

	(void)state;
	options_defaults(&o);
	unsetenv("smtp_proxy");
	unsetenv("no_proxy");
	unsetenv("NO_PROXY");
	setenv("ALL_PROXY", "socks5h://al%40x:s3cret@127.0.0.1:1080", 1);
	assert_int_equal(setup(&np, &o, "smtp://mail.example.test:587"), 0);
	assert_int_equal(np.kind, NP_SOCKS5H);
	assert_string_equal(np.proxy_source, "ALL_PROXY");
	assert_string_equal(np.proxy_user, "al@x");
	assert_string_equal(np.proxy_shown, "socks5h://127.0.0.1:1080");
	j = netpath_json(&np);
	s = json_dumps(j, 0);
	assert_null(strstr(s, "s3cret"));
	free(s);
	json_decref(j);
	setenv("smtp_proxy", "http://127.0.0.2:3128", 1);
	assert_int_equal(setup(&np, &o, "smtp://mail.example.test:587"), 0);
	assert_int_equal(np.kind, NP_HTTP);
	assert_string_equal(np.proxy_source, "smtp_proxy");
	/* smtps:// reads smtps_proxy, so smtp_proxy does not apply. */
	assert_int_equal(setup(&np, &o, "smtps://mail.example.test"), 0);
	assert_string_equal(np.proxy_source, "ALL_PROXY");
	setenv("NO_PROXY", "other.test, .example.test", 1);
	assert_int_equal(setup(&np, &o, "smtp://mail.example.test:587"), 0);
	assert_int_equal(np.kind, NP_DIRECT);
	assert_true(np.noproxy_hit);
	o.path.noproxy = "nothing.test";
	assert_int_equal(setup(&np, &o, "smtp://mail.example.test:587"), 0);
	assert_int_equal(np.kind, NP_HTTP);
	o.path.proxy = "";
	assert_int_equal(setup(&np, &o, "smtp://mail.example.test:587"), 0);
	assert_int_equal(np.kind, NP_DIRECT);
	o.path.proxy = NULL;
	setenv("smtp_proxy", "gopher://u:s3cret@x", 1);
	assert_int_equal(setup(&np, &o, "smtp://mail.example.test:587"), -1);
	unsetenv("smtp_proxy");
	unsetenv("ALL_PROXY");
	unsetenv("NO_PROXY");
}

/* --resolve and --connect-to for the target only. */
static void test_overrides(void **state)
{
	struct options o;
	struct netpath np;
	char buf[64];

	(void)state;
	options_defaults(&o);
	o.path.resolve[o.path.nresolve++] = "other.test:25:192.0.2.1";
	o.path.resolve[o.path.nresolve++] = "mail.test:587:192.0.2.7";
	assert_int_equal(setup(&np, &o, "smtp://mail.test:587"), 0);
	assert_true(np.is_pinned);
	assert_string_equal(np.override_kind, "resolve");
	assert_string_equal(addr_port_to_str((struct sockaddr *)&np.pinned,
					     buf, sizeof(buf)), "192.0.2.7:587");
	assert_int_equal(setup(&np, &o, "smtp://mail.test:25"), 0);
	assert_false(np.is_pinned);
	options_defaults(&o);
	o.path.connect_to[o.path.nconnect_to++] = "mail.test::backup.test:2525";
	assert_int_equal(setup(&np, &o, "smtp://mail.test:25"), 0);
	assert_string_equal(np.dest_host, "backup.test");
	assert_int_equal(np.dest_port, 2525);
	assert_false(np.is_pinned);
}

/* The run's path and target for TARGET through PROXY (NULL none), with
 * the -x/--resolve/--connect-to of O. */
static void run_setup(struct run *run, struct options *o, const char *proxy,
		      const char *target)
{
	char err[256];

	memset(run, 0, sizeof(*run));
	o->path.proxy = proxy;
	assert_int_equal(target_parse(target, PROTO_UNKNOWN, 0, TLS_AUTO,
				      &run->target, err, sizeof(err)), 0);
	assert_int_equal(netpath_setup(&run->path, o, &run->target, err,
				       sizeof(err)), 0);
	run->open_addr = -1;
}

/* The stand-in "the name, resolved by the proxy": only for the kinds
 * that give the proxy the name, not pinned, not an address; shown by
 * name, never as 0.0.0.0; --connect-to's HOST2 is the name. */
static void test_stand_in(void **state)
{
	static struct run run;
	struct options o;
	struct sockaddr_storage copy;
	char buf[320];

	(void)state;
	unsetenv("ALL_PROXY");
	unsetenv("smtp_proxy");
	options_defaults(&o);
	run_setup(&run, &o, "socks5h://127.0.0.1:1080", "smtp://mail.test:587");
	assert_true(netpath_set_stand_in(&run));
	assert_int_equal(run.naddrs, 1);
	assert_true(run.addrs[0].by_proxy_name);
	assert_true(netpath_is_stand_in(&run, (struct sockaddr *)&run.addrs[0].sa));
	assert_string_equal(netpath_addr_shown(&run, (struct sockaddr *)
		&run.addrs[0].sa, buf, sizeof(buf)), "mail.test (resolved by the proxy)");
	assert_string_equal(netpath_addr_port_shown(&run, (struct sockaddr *)
		&run.addrs[0].sa, buf, sizeof(buf)), "mail.test:587 (resolved by the proxy)");
	assert_string_equal(netpath_url_host(&run, (struct sockaddr *)
		&run.addrs[0].sa, buf, sizeof(buf)), "mail.test");
	copy = run.addrs[0].sa; /* smtp.ports: another port, the same name */
	addr_set_port((struct sockaddr *)&copy, 465);
	assert_true(netpath_is_stand_in(&run, (struct sockaddr *)&copy));
	run_setup(&run, &o, "http://127.0.0.1:3128", "smtp://mail.test:587");
	assert_true(netpath_set_stand_in(&run));
	run_setup(&run, &o, "socks4a://127.0.0.1:1080", "smtp://mail.test:587");
	assert_true(netpath_set_stand_in(&run));
	/* The client resolves (socks5://, socks4://, direct): no stand-in. */
	run_setup(&run, &o, "socks5://127.0.0.1:1080", "smtp://mail.test:587");
	assert_false(netpath_set_stand_in(&run));
	assert_int_equal(run.naddrs, 0);
	run_setup(&run, &o, "socks4://127.0.0.1:1080", "smtp://mail.test:587");
	assert_false(netpath_set_stand_in(&run));
	run_setup(&run, &o, "", "smtp://mail.test:587");
	assert_false(netpath_set_stand_in(&run));
	/* An address, or --resolve: nothing to give by name. */
	run_setup(&run, &o, "socks5h://127.0.0.1:1080", "smtp://192.0.2.7:587");
	assert_false(netpath_set_stand_in(&run));
	o.path.resolve[o.path.nresolve++] = "mail.test:587:192.0.2.7";
	run_setup(&run, &o, "socks5h://127.0.0.1:1080", "smtp://mail.test:587");
	assert_false(netpath_set_stand_in(&run));
	/* --connect-to HOST2: the proxy resolves HOST2, whatever dns used. */
	options_defaults(&o);
	o.path.connect_to[o.path.nconnect_to++] = "mail.test::backup.test:2525";
	run_setup(&run, &o, "socks5h://127.0.0.1:1080", "smtp://mail.test:25");
	str_copy(run.facts.host_used, "mail.test", sizeof(run.facts.host_used));
	assert_true(netpath_set_stand_in(&run));
	assert_string_equal(netpath_addr_port_shown(&run, (struct sockaddr *)
		&run.addrs[0].sa, buf, sizeof(buf)), "backup.test:2525 (resolved by the proxy)");
	/* A real address is shown as itself. */
	run_setup(&run, &o, "socks5h://127.0.0.1:1080", "smtp://mail.test:25");
	assert_true(addr_parse("192.0.2.7", 25, &run.addrs[0].sa));
	run.naddrs = 1;
	assert_false(netpath_is_stand_in(&run, (struct sockaddr *)&run.addrs[0].sa));
	assert_string_equal(netpath_url_host(&run, (struct sockaddr *)
		&run.addrs[0].sa, buf, sizeof(buf)), "192.0.2.7");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_socks5h_ok),
		cmocka_unit_test(test_socks5_replies),
		cmocka_unit_test(test_socks5_auth),
		cmocka_unit_test(test_socks4),
		cmocka_unit_test(test_http_connect),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_env),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_stand_in),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
