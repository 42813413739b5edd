// The one translation unit that holds Catch2's main().
//
// Catch2 v2 installs its own SIGSEGV handler around each test case and puts
// the previous one back afterwards, which would uninstall the runtime's trap
// handler after the first test that ran wasm code. Crashes still fail the
// test run (the process dies), so nothing is hidden by turning it off.
#define CATCH_CONFIG_MAIN
#define CATCH_CONFIG_NO_POSIX_SIGNALS
#include <catch2/catch.hpp>
