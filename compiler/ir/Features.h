//===- ir/Features.h - Which WebAssembly proposals a module may use --------===//
//
// The decoder and the validator accept exactly the language of a feature
// set: a module of Wasm 2.0 must not decode a memory64 limit, and the 2.0
// testsuite asserts so. Wasm 3.0's standardized features that wasmaot
// implements are on by default; the command line turns them on and off by
// name, as `--wasm-features`, `--enable-NAME` and `--disable-NAME`.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>

namespace wasmaot::ir {

struct Module;

enum class Feature : uint8_t {
#define WASM_FEATURE(Enum, Name, InWasm3, Summary) Enum,
#include "ir/Features.def"
};
inline constexpr unsigned NumFeatures = 0
#define WASM_FEATURE(Enum, Name, InWasm3, Summary) +1
#include "ir/Features.def"
    ;

/// A feature's command-line name ("multi-memory") and one line about it.
llvm::StringRef featureName(Feature F);
llvm::StringRef featureSummary(Feature F);
std::optional<Feature> featureFromName(llvm::StringRef Name);

class Features {
public:
  /// Wasm 2.0: none of the features above.
  static Features wasm2() { return Features(); }
  /// Wasm 3.0's standardized features that wasmaot implements: the default.
  static Features wasm3();
  /// Everything wasmaot implements, proposals not yet standardized too.
  static Features all();

  bool has(Feature F) const { return Bits & bit(F); }
  Features &set(Feature F, bool On = true) {
    Bits = On ? Bits | bit(F) : Bits & ~bit(F);
    return *this;
  }

  /// Applies a comma-separated list: a preset (`2.0`, `3.0`, `all`) sets
  /// everything, `NAME` or `+NAME` turns a feature on, `-NAME` off.
  llvm::Error apply(llvm::StringRef List);
  /// The names of the features on, comma-separated ("" for none).
  std::string toString() const;

  /// The features M's contents need: what an artifact records.
  static Features usedBy(const Module &M);

  bool operator==(const Features &) const = default;

private:
  static uint32_t bit(Feature F) { return uint32_t(1) << unsigned(F); }
  uint32_t Bits = 0;
};

} // namespace wasmaot::ir
