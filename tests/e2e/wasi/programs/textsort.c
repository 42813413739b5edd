/* A heavy stdio program: reads all of stdin (a few MB), counts how often each
 * line occurs, and writes every distinct line in byte order with its count,
 * like `sort | uniq -c`. Then a word-frequency table of the 20 most common
 * words. A summary goes to stderr. The runner checks the output against the
 * same computation done in Python. */
#include "wasi_test.h"

#include <stdint.h>

struct Line {
  const char *Text;
  size_t Len;
};

static int compare_lines(const void *A, const void *B) {
  const struct Line *X = A, *Y = B;
  size_t N = X->Len < Y->Len ? X->Len : Y->Len;
  int C = memcmp(X->Text, Y->Text, N);
  return C ? C : (X->Len > Y->Len) - (X->Len < Y->Len);
}

/* The whole of stdin, through fread in chunks that grow the buffer. */
static char *slurp(size_t *Size) {
  size_t Cap = 1 << 16, N = 0;
  char *Buf = malloc(Cap);
  size_t Got;
  while ((Got = fread(Buf + N, 1, Cap - N, stdin)) > 0) {
    N += Got;
    if (N == Cap)
      Buf = realloc(Buf, Cap *= 2);
  }
  if (ferror(stdin)) {
    perror("textsort: read");
    exit(1);
  }
  *Size = N;
  return Buf;
}

/* Splits Buf into lines (a last line without '\n' counts too). */
static struct Line *split(char *Buf, size_t Size, size_t *Count) {
  size_t Cap = 1024, N = 0;
  struct Line *Lines = malloc(Cap * sizeof *Lines);
  for (size_t Start = 0; Start < Size;) {
    char *End = memchr(Buf + Start, '\n', Size - Start);
    size_t Len = End ? (size_t)(End - (Buf + Start)) : Size - Start;
    if (N == Cap)
      Lines = realloc(Lines, (Cap *= 2) * sizeof *Lines);
    Lines[N++] = (struct Line){Buf + Start, Len};
    Start += Len + 1;
  }
  *Count = N;
  return Lines;
}

struct Word {
  struct Line W;
  size_t Count;
};

static int compare_words_by_count(const void *A, const void *B) {
  const struct Word *X = A, *Y = B;
  if (X->Count != Y->Count)
    return X->Count < Y->Count ? 1 : -1;
  return compare_lines(&X->W, &Y->W);
}

/* Words are runs of non-space bytes; counted by sorting them all. */
static void word_table(struct Line *Lines, size_t NLines) {
  size_t Cap = 1024, N = 0;
  struct Line *Words = malloc(Cap * sizeof *Words);
  for (size_t I = 0; I < NLines; ++I) {
    const char *P = Lines[I].Text, *End = P + Lines[I].Len;
    while (P < End) {
      while (P < End && *P == ' ')
        ++P;
      const char *Start = P;
      while (P < End && *P != ' ')
        ++P;
      if (P > Start) {
        if (N == Cap)
          Words = realloc(Words, (Cap *= 2) * sizeof *Words);
        Words[N++] = (struct Line){Start, (size_t)(P - Start)};
      }
    }
  }
  qsort(Words, N, sizeof *Words, compare_lines);
  struct Word *Counts = malloc((N + 1) * sizeof *Counts);
  size_t Distinct = 0;
  for (size_t I = 0; I < N; ++I) {
    if (Distinct > 0 && compare_lines(&Counts[Distinct - 1].W, &Words[I]) == 0)
      ++Counts[Distinct - 1].Count;
    else
      Counts[Distinct++] = (struct Word){Words[I], 1};
  }
  qsort(Counts, Distinct, sizeof *Counts, compare_words_by_count);
  printf("== %zu words, %zu distinct; most common:\n", N, Distinct);
  for (size_t I = 0; I < Distinct && I < 20; ++I)
    printf("%zu %.*s\n", Counts[I].Count, (int)Counts[I].W.Len, Counts[I].W.Text);
  free(Words);
  free(Counts);
}

int main(void) {
  size_t Size, N;
  char *Buf = slurp(&Size);
  struct Line *Lines = split(Buf, Size, &N);
  qsort(Lines, N, sizeof *Lines, compare_lines);
  size_t Distinct = 0;
  for (size_t I = 0; I < N;) {
    size_t J = I + 1;
    while (J < N && compare_lines(&Lines[I], &Lines[J]) == 0)
      ++J;
    /* printf for the count, fwrite for the line: both through stdout's buffer. */
    printf("%7zu ", J - I);
    fwrite(Lines[I].Text, 1, Lines[I].Len, stdout);
    putchar('\n');
    ++Distinct;
    I = J;
  }
  word_table(Lines, N);
  fprintf(stderr, "textsort: %zu bytes, %zu lines, %zu distinct\n", Size, N, Distinct);
  return 0;
}
