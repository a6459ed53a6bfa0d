/* watch_status.h — the one status alphabet of the watch: one letter per
 * probe status per round, shared by the CLI timeline and the wizard's
 * sparklines (and their legends). */
#ifndef SOCKDOC_WATCH_STATUS_H
#define SOCKDOC_WATCH_STATUS_H

/* One letter of the alphabet. */
struct watch_letter {
	char letter;         /* as printed in the timeline */
	const char *status;  /* the probe status it stands for (report JSON) */
	const char *meaning; /* N_() text for a legend */
};

/* The alphabet, ended by an entry with letter 0: '.' ok, 'w' warn,
 * 'F' fail, 'E' error, '-' skipped (or anything else). */
extern const struct watch_letter watch_alphabet[];

/* The letter for probe status STATUS (NULL or unknown: '-'). */
char watch_letter_of(const char *status);
/* The status for LETTER ("skipped" when unknown). */
const char *watch_status_of(char letter);
/* True when LETTER is a failed round of a probe (fail or error). */
int watch_letter_bad(char letter);

#endif
