//===- tests/generator/ModuleGenerator.h - Valid modules from entropy ------===//
//
// Draws a valid Wasm 2.0 module: functions with well-typed bodies over every
// instruction family (BodyGenerator), globals of every type, a funcref and
// an externref table, a memory with a maximum, active and passive data and
// element segments. Without imports or a start function, so that any
// engine can instantiate it alone.
//
// What it exports is a harness for differential execution. Every export is
// a function without parameters whose results are integers only, so that
// results compare as text:
//   f0, f1, ...  call the generated function of that index with constant
//                arguments (fresh fuel for each), results converted: f32/f64
//                as their bits with NaNs canonical, v128 as two i64 lanes,
//                references as ref.is_null;
//   globals      every global's value, converted the same way;
//   tables       each table's size and a hash of which slots are null;
//   memory       the memory's size in pages and a hash of its bytes.
// Calling them in this order, each once, after instantiation, must give
// the same results and traps in every correct engine.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Entropy.h"
#include "ModuleShape.h"

#include <cstdint>
#include <vector>

namespace wasmaot::gen {

std::vector<uint8_t> generateModule(Entropy &E, const GeneratorOptions &Options = {});

} // namespace wasmaot::gen
