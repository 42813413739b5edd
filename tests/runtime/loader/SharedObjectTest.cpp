//===- tests/runtime/loader/SharedObjectTest.cpp ---------------------------===//
//
// The dlopen wrapper, on the C library's libm (always present, no compiler
// needed) and on objects that cannot be loaded.
//
//===----------------------------------------------------------------------===//
#include "loader/SharedObject.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <utility>

using namespace wasmaot::runtime;

TEST_CASE("a shared object's symbols are found and called", "[loader]") {
  Result<SharedObject> Libm = SharedObject::open("libm.so.6");
  REQUIRE(Libm);
  CHECK(Libm->path() == "libm.so.6");
  Result<double (*)(double)> Sqrt = Libm->function<double(double)>("sqrt");
  REQUIRE(Sqrt);
  CHECK((*Sqrt)(16.0) == 4.0);

  Result<void *> Missing = Libm->symbol("no_such_symbol_in_libm");
  REQUIRE_FALSE(Missing);
  CHECK_THAT(Missing.error().message(), Catch::Contains("no_such_symbol_in_libm"));
}

TEST_CASE("a shared object that cannot be loaded is an error", "[loader]") {
  Result<SharedObject> Missing = SharedObject::open("/no/such/dir/libnothing.so");
  REQUIRE_FALSE(Missing);
  CHECK_THAT(Missing.error().message(), Catch::Contains("/no/such/dir/libnothing.so"));

  std::filesystem::path Text = std::filesystem::temp_directory_path() /
                               ("wasmaot-loader-test-" + std::to_string(getpid()) + "-not-elf.so");
  std::ofstream(Text) << "not a shared object\n";
  Result<SharedObject> NotElf = SharedObject::open(Text.string());
  std::filesystem::remove(Text);
  REQUIRE_FALSE(NotElf);
  CHECK_THAT(NotElf.error().message(), Catch::Contains(Text.string()));
}

TEST_CASE("a moved shared object stays loaded", "[loader]") {
  Result<SharedObject> First = SharedObject::open("libm.so.6");
  REQUIRE(First);
  SharedObject Moved = std::move(*First);
  Result<double (*)(double)> Cos = Moved.function<double(double)>("cos");
  REQUIRE(Cos);
  CHECK((*Cos)(0.0) == 1.0);

  Result<SharedObject> Other = SharedObject::open("libm.so.6");
  REQUIRE(Other);
  Moved = std::move(*Other);
  CHECK(Moved.function<double(double)>("cos"));
}
