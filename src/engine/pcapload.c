/* pcapload.c — libpcap through dlopen(3) (pcapload.h). */
#include "config.h"

#include "pcapload.h"

#ifdef HAVE_LIBPCAP
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* Find every function of the table in HANDLE; false at the first one
 * missing. */
static bool resolve(void *h, struct pcap_api *a)
{
	static const struct {
		const char *name;
		size_t off;
	} fns[] = {
#define F(f) { "pcap_" #f, offsetof(struct pcap_api, f) }
		F(create), F(set_snaplen), F(set_promisc),
		F(set_immediate_mode), F(activate), F(datalink),
		F(setnonblock), F(get_selectable_fd), F(geterr), F(compile),
		F(setfilter), F(freecode), F(dispatch), F(dump_fopen),
		F(dump), F(dump_close), F(stats), F(close),
#undef F
	};
	size_t i;

	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		void *sym = dlsym(h, fns[i].name);

		if (!sym)
			return false;
		/* POSIX: a data pointer from dlsym converts to a function
		 * pointer; the table is all function pointers. */
		memcpy((char *)a + fns[i].off, &sym, sizeof(sym));
	}
	return true;
}

const struct pcap_api *pcap_api_load(char *err, size_t errlen)
{
	static const char *const names[] = { "libpcap.so.0.8", "libpcap.so.1",
					     "libpcap.so" };
	static struct pcap_api api;
	static bool loaded;
	void *h = NULL;
	size_t i;

	if (loaded)
		return &api;
	for (i = 0; i < sizeof(names) / sizeof(names[0]) && !h; i++)
		h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (!h || !resolve(h, &api)) {
		const char *why = dlerror();

		str_copy(err, why ? why : "libpcap.so.0.8", errlen);
		return NULL;
	}
	loaded = true; /* never closed: the process keeps it */
	return &api;
}
#endif
