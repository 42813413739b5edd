// Catch2's main() for the runtime tests, without Catch2's fatal-signal
// handling (see CMakeLists.txt): the tests fault on purpose, and the
// runtime's SIGSEGV handler must stay installed between test cases.
#define CATCH_CONFIG_MAIN
#define CATCH_CONFIG_NO_POSIX_SIGNALS
#include <catch2/catch.hpp>
