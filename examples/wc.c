// A word counter like `wc`: prints the lines, words and bytes read from stdin,
// or from each file named on the command line and their total. It exercises
// more of WASI than hello.c: argv, opening files, reads in a loop and exit
// statuses.
#include <ctype.h>
#include <stdio.h>

struct Counts {
  unsigned long Lines, Words, Bytes;
};

static void countStream(FILE *In, struct Counts *C) {
  int InWord = 0;
  for (int Ch; (Ch = getc(In)) != EOF;) {
    ++C->Bytes;
    if (Ch == '\n')
      ++C->Lines;
    if (isspace(Ch)) {
      InWord = 0;
    } else if (!InWord) {
      InWord = 1;
      ++C->Words;
    }
  }
}

static void printCounts(const struct Counts *C, const char *Name) {
  printf("%7lu %7lu %7lu", C->Lines, C->Words, C->Bytes);
  if (Name)
    printf(" %s", Name);
  putchar('\n');
}

int main(int Argc, char **Argv) {
  if (Argc < 2) {
    struct Counts C = {0, 0, 0};
    countStream(stdin, &C);
    printCounts(&C, NULL);
    return 0;
  }
  struct Counts Total = {0, 0, 0};
  int Status = 0;
  for (int I = 1; I < Argc; ++I) {
    FILE *In = fopen(Argv[I], "rb");
    if (!In) {
      perror(Argv[I]);
      Status = 1;
      continue;
    }
    struct Counts C = {0, 0, 0};
    countStream(In, &C);
    fclose(In);
    printCounts(&C, Argv[I]);
    Total.Lines += C.Lines;
    Total.Words += C.Words;
    Total.Bytes += C.Bytes;
  }
  if (Argc > 2)
    printCounts(&Total, "total");
  return Status;
}
