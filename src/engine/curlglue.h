/* curlglue.h — libcurl's multi interface driven by the event loop through
 * its socket and timer callbacks (curl_multi_socket_action). */
#ifndef SOCKDOC_CURLGLUE_H
#define SOCKDOC_CURLGLUE_H

#include <curl/curl.h>
#include "loop.h"

struct curlglue;

/* Called once when EASY finished with RESULT; the easy handle is already
 * removed from the multi handle and belongs to the caller again. */
typedef void (*curlglue_done_cb)(CURL *easy, CURLcode result, void *arg);

/* Create a multi handle bound to LOOP. */
struct curlglue *curlglue_new(struct loop *loop);
/* Remove every transfer (without callbacks) and free. */
void curlglue_free(struct curlglue *g);
/* Keep at most N idle connections for reuse (CURLMOPT_MAXCONNECTS; the
 * oldest idle one is closed first). */
void curlglue_keep_connections(struct curlglue *g, long n);
/* Start EASY; DONE is called when it ends.  Returns 0 or -1. */
int curlglue_add(struct curlglue *g, CURL *easy, curlglue_done_cb done,
		 void *arg);
/* Abort EASY without calling its callback (probe cleanup). */
void curlglue_remove(struct curlglue *g, CURL *easy);

#endif
