/* fuzz_pasv.c — hostile 227 (PASV) and 229 (EPSV) reply texts into their
 * decoders and the address classifier: no crash, and what they accept is
 * in range (an IPv4 sockaddr with a port; a port 1..65535). */
#include "config.h"

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ftp_reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[2048];
	struct sockaddr_storage ss, ctrl;
	struct sockaddr_in *in = (struct sockaddr_in *)&ctrl;
	int port;

	if (size >= sizeof(text))
		size = sizeof(text) - 1;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&ss, 0, sizeof(ss));
	if (ftp_parse_227(text, &ss)) {
		if (ss.ss_family != AF_INET)
			abort();
		memset(&ctrl, 0, sizeof(ctrl));
		in->sin_family = AF_INET;
		in->sin_addr.s_addr = htonl(0xC0000201); /* 192.0.2.1 */
		if (!ftp_addr_class_name(ftp_classify_addr(
			    (struct sockaddr *)&ss, (struct sockaddr *)&ctrl)))
			abort();
	}
	port = ftp_parse_229(text);
	if (port != -1 && (port < 1 || port > 65535))
		abort();
	return 0;
}
