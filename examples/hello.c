// The smallest WASI program: one write to stdout through wasi-libc's stdio.
#include <stdio.h>

int main(void) {
  puts("Hello from WebAssembly!");
  return 0;
}
