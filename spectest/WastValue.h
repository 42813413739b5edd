//===- spectest/WastValue.h - Arguments and expected results of scripts ----===//
//
// A constant of a script's actions and results: numbers as their bits,
// floats possibly as the patterns nan:canonical and nan:arithmetic, v128 as
// lanes of a given shape (each float lane may be a pattern), references as
// null, a host reference number, or any non-null reference of a hierarchy
// (func, extern, any with its struct, array, i31 and eq, exn). A result may
// also be `(either r1 r2 ...)`: any of the alternatives (relaxed SIMD).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "instance/CompiledModule.h"
#include "text/ModuleParser.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmaot::spectest {

struct WastValue {
  /// AnyRef: the any hierarchy of the GC proposal; NullRef: `(ref.null)`
  /// (a null of any type) or a null of a type the runner cannot resolve
  /// (`(ref.null $t)`).
  enum class Type : uint8_t { I32, I64, F32, F64, V128, FuncRef, ExternRef, AnyRef, ExnRef, NullRef };
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
  /// A reference expected without a value: any non-null reference.
  bool AnyRef = false;
  /// References: the heap type or pattern as the script spells it
  /// ("struct", "i31", "none", "$t"), for messages.
  std::string HeapType;
  /// `(either ...)`: the alternatives, one of which the result must be.
  std::vector<WastValue> Alternatives;

  bool isRef() const { return T >= Type::FuncRef; }
  /// The binary-format code of the value's type (0x7F i32 ... 0x6F externref).
  uint8_t typeCode() const;
  /// The value as a call argument: references become pointers, externref N
  /// the pointer N + 1 so that it is never null.
  runtime::Slot toSlot() const;
  /// Whether a result of type Code (a binary-format type code) in a slot
  /// satisfies this expected value.
  bool accepts(uint8_t Code, const runtime::Slot &Result) const;
  /// For messages: "i32:42", "f32:nan:canonical", "v128:i32[1 2 3 4]".
  std::string describe() const;
};

/// Describes a result of type Code (a binary-format type code) in a slot, as
/// WastValue::describe does.
std::string describeSlot(uint8_t Code, const runtime::Slot &Result);

/// Reads a constant at the cursor's `(`: `(i32.const 1)`, `(f32.const
/// nan:canonical)`, `(v128.const f32x4 ...)`, `(ref.null func)`, `(ref.extern
/// 1)`, `(ref.func)`, `(ref.struct)`, ... With AllowEither, also a result's
/// `(either ...)`. Errors are malformed, at the offending token.
llvm::Expected<WastValue> parseWastValue(text::TokenCursor &C, bool AllowEither = false);

} // namespace wasmaot::spectest
