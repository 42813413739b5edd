//===- spectest/WastValue.h - Arguments and expected results of scripts ----===//
//
// A value as wast2json writes it: numbers as the decimal of their bits
// ("1065353216" for f32 1.0), floats possibly as the patterns nan:canonical
// and nan:arithmetic, v128 as lanes of a given shape (each float lane may be
// a pattern), references as "null" or a host reference number.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "instance/CompiledModule.h"

#include "llvm/Support/Error.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace wasmaot::spectest {

struct WastValue {
  enum class Type : uint8_t { I32, I64, F32, F64, V128, FuncRef, ExternRef };
  enum class Pattern : uint8_t { Exact, CanonicalNan, ArithmeticNan };

  Type T = Type::I32;
  /// The bits of numbers and v128s, little-endian.
  uint8_t Bytes[16] = {};
  /// v128: the lane shape, as "i8" .. "f64".
  std::string LaneType;
  /// One pattern per lane (one for scalars); patterns apply to float lanes.
  std::vector<Pattern> Lanes{Pattern::Exact};
  /// References: null, or the host reference number.
  bool IsNull = false;
  uint64_t HostRef = 0;
  /// A funcref expected without a value: any non-null reference.
  bool AnyRef = false;

  /// The binary-format code of the value's type (0x7F i32 ... 0x6F externref).
  uint8_t typeCode() const;
  /// The value as a call argument: references become pointers, externref N
  /// the pointer N + 1 so that it is never null.
  runtime::Slot toSlot() const;
  /// Whether a result in a slot satisfies this expected value.
  bool matches(const runtime::Slot &Result) const;
  /// For messages: "i32:42", "f32:nan:canonical", "v128:i32[1 2 3 4]".
  std::string describe() const;
};

/// Describes a result of type Code (a binary-format type code) in a slot, as
/// WastValue::describe does.
std::string describeSlot(uint8_t Code, const runtime::Slot &Result);

/// Reads {"type": ..., "value": ...} as wast2json writes it.
llvm::Expected<WastValue> parseWastValue(const nlohmann::json &Object);

} // namespace wasmaot::spectest
