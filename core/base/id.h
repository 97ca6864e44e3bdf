/*
 * id: the global ids of rows: 32 lower-case hex digits from 16 random bytes.
 */
#ifndef GAVEL_BASE_ID_H
#define GAVEL_BASE_ID_H

#define ID_LEN 32
/* A new globally unique id. */
void id_new(char out[ID_LEN + 1]);

#endif
