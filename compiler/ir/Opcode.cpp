//===- ir/Opcode.cpp - Opcode tables ---------------------------------------===//
#include "ir/Opcode.h"

#include "llvm/Support/ErrorHandling.h"

#include <array>
#include <vector>

using namespace wasmaot::ir;

namespace {

constexpr OpcodeInfo Infos[] = {
#define WASM_OPCODE(Enum, Prefix, Code, Text, Imm, Aux, Sig)                   \
  {Text, Prefix, Code, ImmKind::Imm, Aux, Signature::Sig},
#include "ir/Opcodes.def"
};

constexpr size_t NumOpcodes = sizeof(Infos) / sizeof(Infos[0]);
constexpr uint16_t NoOpcode = UINT16_MAX;

/// Encoding -> opcode maps, one per prefix. The sub-opcode spaces are dense
/// below 0x200 (relaxed SIMD ends at 0xFD 0x113), so plain arrays suffice.
constexpr uint32_t EncodingSpace = 0x200;

struct EncodingTables {
  std::array<uint16_t, EncodingSpace> Plain, MiscFC, SimdFD;

  EncodingTables() {
    Plain.fill(NoOpcode);
    MiscFC.fill(NoOpcode);
    SimdFD.fill(NoOpcode);
    for (size_t I = 0; I < NumOpcodes; ++I)
      table(Infos[I].Prefix)[Infos[I].Code] = static_cast<uint16_t>(I);
  }

  std::array<uint16_t, EncodingSpace> &table(uint8_t Prefix) {
    switch (Prefix) {
    case 0:
      return Plain;
    case 0xFC:
      return MiscFC;
    case 0xFD:
      return SimdFD;
    }
    llvm_unreachable("unknown opcode prefix");
  }
};

ValType typeFromLetter(char C) {
  switch (C) {
  case 'i':
    return ValType::I32;
  case 'l':
    return ValType::I64;
  case 'f':
    return ValType::F32;
  case 'd':
    return ValType::F64;
  case 'v':
    return ValType::V128;
  }
  llvm_unreachable("bad signature letter");
}

/// Signature names spell their types ("v_vi": v128 <- v128 i32); decode each
/// once into type vectors.
struct SignatureTable {
  std::vector<std::vector<ValType>> Params, Results;

  SignatureTable() {
    const char *Names[] = {
        "",
#define WASM_SIGNATURE(Name) #Name,
#include "ir/Signatures.def"
    };
    for (const char *Name : Names) {
      std::vector<ValType> P, R;
      llvm::StringRef S(Name);
      if (!S.empty()) {
        auto [Res, Par] = S.split('_');
        for (char C : Res)
          if (C != 'x')
            R.push_back(typeFromLetter(C));
        for (char C : Par)
          if (C != 'x')
            P.push_back(typeFromLetter(C));
      }
      Params.push_back(std::move(P));
      Results.push_back(std::move(R));
    }
  }
};

} // namespace

const OpcodeInfo &wasmaot::ir::opcodeInfo(Opcode Op) {
  return Infos[static_cast<size_t>(Op)];
}

std::optional<Opcode> wasmaot::ir::lookupOpcode(uint8_t Prefix, uint32_t Code) {
  static EncodingTables Tables;
  if (Code >= EncodingSpace)
    return std::nullopt;
  uint16_t Index = Tables.table(Prefix)[Code];
  if (Index == NoOpcode)
    return std::nullopt;
  return static_cast<Opcode>(Index);
}

SignatureTypes wasmaot::ir::signatureTypes(Signature Sig) {
  static SignatureTable Table;
  size_t I = static_cast<size_t>(Sig);
  return {Table.Params[I], Table.Results[I]};
}
