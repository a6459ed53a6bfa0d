/* tui.h — the interactive wizard (sockdoc on a terminal without --report). */
#ifndef SOCKDOC_TUI_H
#define SOCKDOC_TUI_H

#include "options.h"

/* Run the wizard on the terminal.  OPT->target, when set, pre-fills the
 * settings and starts the chain at once.  Returns the exit code
 * (interface.md: 0 no problem, 1 problems found, 3 could not run). */
int tui_main(struct options *opt);

#endif
