/* watch_status.c — the watch's status alphabet (see watch_status.h). */
#include "config.h"

#include "watch_status.h"

#include <string.h>

#include "i18n.h"

const struct watch_letter watch_alphabet[] = {
	{ '.', "ok", N_("ok") },
	{ 'w', "warn", N_("warning") },
	{ 'F', "fail", N_("failed") },
	{ 'E', "error", N_("error") },
	{ '-', "skipped", N_("skipped") },
	{ 0, NULL, NULL }
};

/* Look STATUS up in the alphabet. */
char watch_letter_of(const char *status)
{
	int i;

	for (i = 0; status && watch_alphabet[i].letter; i++)
		if (!strcmp(watch_alphabet[i].status, status))
			return watch_alphabet[i].letter;
	return '-';
}

/* Look LETTER up in the alphabet. */
const char *watch_status_of(char letter)
{
	int i;

	for (i = 0; watch_alphabet[i].letter; i++)
		if (watch_alphabet[i].letter == letter)
			return watch_alphabet[i].status;
	return "skipped";
}

/* Fail and error count as a failed probe in the statistics. */
int watch_letter_bad(char letter)
{
	return letter == 'F' || letter == 'E';
}
