//===- tests/robustness/MutationTest.cpp - Decoding hostile bytes ----------===//
//
// Feeds the decoder and validator mutated copies of the spec testsuite's
// valid modules, and a set of hand-made hostile modules. Whatever the input,
// the result must be success or a WasmError (malformed from the decoder,
// invalid from either) naming an offset inside the input: never a crash, a
// hang, a sanitizer report or an unexpected kind of error.
//
// The seeds come from a fixed list of .wast files, read at test time by the
// spec runner's script reader (spectest/WastScript.h, wasmaot's own text
// front end), which writes each module into the work directory; a missing
// suite or a module that cannot be read fails the test. Mutations are drawn
// from a fixed-seed generator, so every run tests the same inputs.
//
//===----------------------------------------------------------------------===//
#include "TestModules.h"
#include "WastScript.h"

#include "decoder/Decoder.h"
#include "decoder/ImplementationLimits.h"
#include "support/Error.h"
#include "validator/Validator.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>

using namespace wasmaot;
using namespace wasmaot::test;
namespace fs = std::filesystem;

namespace {

llvm::cl::OptionCategory Category("wasmaot-robustness options");
llvm::cl::opt<std::string> TestsuiteDir("testsuite", llvm::cl::Required,
                                        llvm::cl::desc("Directory with the wasm-2.0 .wast files"),
                                        llvm::cl::cat(Category));
llvm::cl::opt<std::string> WorkDir("work", llvm::cl::Required,
                                   llvm::cl::desc("Scratch directory for the seed modules"),
                                   llvm::cl::cat(Category));
llvm::cl::opt<unsigned> NumCases("cases", llvm::cl::init(20000),
                                 llvm::cl::desc("Number of mutants to test"),
                                 llvm::cl::cat(Category));
llvm::cl::opt<uint64_t> RandomSeed("seed", llvm::cl::init(20240229),
                                   llvm::cl::desc("Seed of the mutation generator"),
                                   llvm::cl::cat(Category));

/// The seed files: spread over the binary format's corners (LEB128 forms,
/// every section kind, segments, multi-value blocks, SIMD immediates).
// clang-format off
constexpr const char *SeedWasts[] = {
    "address", "align", "binary", "binary-leb128", "block",
    "br", "br_if", "br_table", "bulk", "call",
    "call_indirect", "custom", "data", "elem", "exports",
    "func", "global", "if", "imports", "linking",
    "load", "local_tee", "loop", "memory", "memory_copy",
    "memory_grow", "memory_init", "names", "ref_func", "return",
    "select", "simd_lane", "simd_load", "simd_load8_lane", "start",
    "switch", "table_copy", "table_init", "unreachable", "unwind",
};
// clang-format on

struct Seed {
  std::string Name; // file and position, for reports
  Bytes Module;
};

enum class Outcome { Accepted, Malformed, Invalid };

/// Decodes and validates B. A result that breaks the contract (an error that
/// is not a WasmError, of the wrong kind, or pointing outside the input) is
/// returned as Problem.
Outcome run(const Bytes &B, std::string &Problem) {
  auto Classify = [&](llvm::Error E, bool FromDecoder) {
    Outcome Result = Outcome::Invalid;
    llvm::handleAllErrors(
        std::move(E),
        [&](const WasmError &W) {
          bool KindOk =
              W.kind() == ErrorKind::Invalid || (FromDecoder && W.kind() == ErrorKind::Malformed);
          if (!KindOk)
            Problem = "unexpected error kind " + toString(W.kind()).str();
          else if (W.offset() == WasmError::NoOffset || W.offset() > B.size())
            Problem = "error offset " + std::to_string(W.offset()) + " outside the input";
          else if (W.text().empty())
            Problem = "empty error message";
          Result = W.kind() == ErrorKind::Malformed ? Outcome::Malformed : Outcome::Invalid;
        },
        [&](const llvm::ErrorInfoBase &Other) { Problem = "not a WasmError: " + Other.message(); });
    return Result;
  };
  auto M = decodeModule(B);
  if (!M)
    return Classify(M.takeError(), true);
  if (auto E = validateModule(*M))
    return Classify(std::move(E), false);
  return Outcome::Accepted;
}

std::string describe(const Bytes &B) {
  std::string Problem;
  Outcome O = run(B, Problem);
  if (!Problem.empty())
    return "contract violation: " + Problem;
  if (O == Outcome::Accepted)
    return "ok";
  auto M = decodeModule(B);
  if (!M)
    return consumeToString("", M.takeError());
  return consumeToString("", validateModule(*M));
}

//===-- Seeds ----------------------------------------------------------------===//

bool readFile(const fs::path &Path, Bytes &Out) {
  std::ifstream In(Path, std::ios::binary);
  if (!In)
    return false;
  Out.assign(std::istreambuf_iterator<char>(In), std::istreambuf_iterator<char>());
  return true;
}

/// Reads each seed .wast and collects the modules of its `module` commands.
/// Returns false, having said why, if anything is missing.
bool loadSeeds(std::vector<Seed> &Seeds) {
  fs::path Suite(TestsuiteDir.getValue());
  if (!fs::is_directory(Suite)) {
    llvm::errs() << "FAIL: testsuite directory " << Suite.string() << " does not exist\n";
    return false;
  }
  for (const char *Name : SeedWasts) {
    fs::path Wast = Suite / (std::string(Name) + ".wast");
    auto Script = spectest::loadWastScript(Wast.string(), WorkDir.getValue());
    if (!Script) {
      llvm::errs() << "FAIL: cannot read " << Wast.string() << ": "
                   << llvm::toString(Script.takeError()) << "\n";
      return false;
    }
    for (const spectest::Command &Command : Script->Commands) {
      if (Command.Kind != spectest::CommandKind::Module)
        continue;
      std::string Where = std::string(Name) + ":" + std::to_string(Command.Line);
      if (!Command.ReadError.empty()) {
        llvm::errs() << "FAIL: cannot read the module at " << Where << ": " << Command.ReadError
                     << "\n";
        return false;
      }
      Seed S{Where, {}};
      fs::path File = fs::path(Script->ModuleDir) / Command.Filename;
      if (Command.ModType != spectest::ModuleType::Binary || !readFile(File, S.Module)) {
        llvm::errs() << "FAIL: cannot read module " << File.string() << " of " << Where << "\n";
        return false;
      }
      Seeds.push_back(std::move(S));
    }
  }
  return true;
}

//===-- Mutations ------------------------------------------------------------===//

/// A LEB128 field of the module's structure: a section size, the entry
/// count at the start of a section, or a function body's size.
struct LebField {
  size_t Pos, Len;
  uint64_t Value;
};

bool readLeb(const Bytes &B, size_t Pos, LebField &F) {
  F = {Pos, 0, 0};
  for (unsigned Shift = 0; Pos + F.Len < B.size() && Shift < 35; Shift += 7) {
    uint8_t Byte = B[Pos + F.Len++];
    F.Value |= uint64_t(Byte & 0x7F) << Shift;
    if (!(Byte & 0x80))
      return true;
  }
  return false;
}

std::vector<LebField> findLebFields(const Bytes &B) {
  std::vector<LebField> Fields;
  size_t Pos = 8;
  LebField Size, Count, Body;
  while (Pos < B.size() && readLeb(B, Pos + 1, Size)) {
    uint8_t Id = B[Pos];
    size_t Payload = Pos + 1 + Size.Len, End = Payload + Size.Value;
    if (End > B.size())
      break;
    Fields.push_back(Size);
    // Custom, start and data count sections do not start with a count.
    if (Id != 0 && Id != 8 && Id != 12 && readLeb(B, Payload, Count)) {
      Fields.push_back(Count);
      size_t At = Payload + Count.Len;
      for (uint64_t I = 0; Id == 10 && I < Count.Value && readLeb(B, At, Body); ++I) {
        Fields.push_back(Body);
        At += Body.Len + Body.Value;
      }
    }
    Pos = End;
  }
  return Fields;
}

/// Where the code section's size field is, and the size fields of its bodies.
struct CodeLayout {
  LebField SectionSize;
  std::vector<LebField> Bodies;
};

std::optional<CodeLayout> findCode(const Bytes &B) {
  size_t Pos = 8;
  LebField Size, Count, Body;
  while (Pos < B.size() && readLeb(B, Pos + 1, Size)) {
    size_t Payload = Pos + 1 + Size.Len, End = Payload + Size.Value;
    if (End > B.size())
      return std::nullopt;
    if (B[Pos] == 10) {
      CodeLayout Code{Size, {}};
      if (!readLeb(B, Payload, Count))
        return std::nullopt;
      size_t At = Payload + Count.Len;
      for (uint64_t I = 0; I < Count.Value && readLeb(B, At, Body); ++I) {
        if (At + Body.Len + Body.Value > End)
          break;
        Code.Bodies.push_back(Body);
        At += Body.Len + Body.Value;
      }
      return Code;
    }
    Pos = End;
  }
  return std::nullopt;
}

enum class Mutation { BitFlip, Interesting, Truncate, Insert, Delete, Leb, Duplicate, Body, Count };
constexpr const char *MutationNames[] = {"bit flip",    "interesting byte", "truncation",
                                         "insertion",   "deletion",         "LEB field",
                                         "duplication", "function body"};

class Mutator {
public:
  explicit Mutator(uint64_t Seed) : Rng(Seed) {}

  /// Any value in [0, N).
  size_t below(size_t N) { return N ? Rng() % N : 0; }

  uint8_t interestingByte() {
    static constexpr uint8_t Values[] = {0x00, 0x01, 0x40, 0x7F, 0x80, 0xFF, 0x0B, 0x41};
    return Values[below(std::size(Values))];
  }

  Mutation mutate(Bytes &B) {
    auto Kind = static_cast<Mutation>(below(size_t(Mutation::Count)));
    switch (Kind) {
    case Mutation::BitFlip:
      for (size_t N = 1 + below(4); N; --N)
        flipBit(B);
      break;
    case Mutation::Interesting:
      if (!B.empty())
        B[below(B.size())] = interestingByte();
      break;
    case Mutation::Truncate:
      B.resize(below(B.size()));
      break;
    case Mutation::Insert: {
      size_t At = below(B.size() + 1);
      for (size_t N = 1 + below(4); N; --N)
        B.insert(B.begin() + At, below(2) ? interestingByte() : uint8_t(below(256)));
      break;
    }
    case Mutation::Delete: {
      size_t At = below(B.size());
      B.erase(B.begin() + At, B.begin() + std::min(B.size(), At + 1 + below(4)));
      break;
    }
    case Mutation::Leb:
      mutateLeb(B);
      break;
    case Mutation::Duplicate: {
      size_t From = below(B.size());
      size_t Len = std::min(B.size() - From, 1 + below(32));
      Bytes Chunk(B.begin() + From, B.begin() + From + Len);
      B.insert(B.begin() + below(B.size() + 1), Chunk.begin(), Chunk.end());
      break;
    }
    case Mutation::Body:
      mutateBody(B);
      break;
    case Mutation::Count:
      break;
    }
    return Kind;
  }

private:
  void flipBit(Bytes &B) {
    if (!B.empty())
      B[below(B.size())] ^= uint8_t(1u << below(8));
  }

  /// Rewrites a structural LEB128 field: a nearby or extreme value, or the
  /// same value in an overlong (valid) or too long encoding.
  void mutateLeb(Bytes &B) {
    std::vector<LebField> Fields = findLebFields(B);
    if (Fields.empty())
      return flipBit(B);
    const LebField &F = Fields[below(Fields.size())];
    Bytes Replacement;
    switch (below(7)) {
    case 0:
      Replacement = uleb(F.Value + 1);
      break;
    case 1:
      Replacement = uleb(F.Value ? F.Value - 1 : 0);
      break;
    case 2:
      Replacement = uleb(0);
      break;
    case 3:
      Replacement = uleb(0xFFFFFFFF);
      break;
    case 4:
      Replacement = uleb(2 * F.Value + 1 + below(1000));
      break;
    case 5:
      Replacement = ulebPadded(F.Value, 5);
      break;
    default:
      Replacement = ulebPadded(F.Value, 5);
      Replacement.back() |= 0x80;
      Replacement.push_back(0x00);
      break;
    }
    B.erase(B.begin() + F.Pos, B.begin() + F.Pos + F.Len);
    B.insert(B.begin() + F.Pos, Replacement.begin(), Replacement.end());
  }

  /// Changes an instruction byte of one function body and then fixes up the
  /// sizes of the body and the code section, so that the mutant gets past
  /// the framing checks to instruction decoding and validation.
  void mutateBody(Bytes &B) {
    // Structure changes, and operators without immediates that keep the
    // body decodable but disturb its typing.
    static constexpr uint8_t Opcodes[] = {
        op::Unreachable, op::Block,   op::If,       op::Else,     op::End,      op::Br,
        op::BrTable,     op::Return,  op::Drop,     op::Select,   op::LocalGet, op::I32Const,
        op::F64Const,    op::RefFunc, op::PrefixFC, op::PrefixFD, op::Nop,      op::I32Add,
        op::I64Add,      op::F64Add,  op::I32Eqz,   op::RefIsNull};
    std::optional<CodeLayout> Code = findCode(B);
    if (!Code || Code->Bodies.empty())
      return flipBit(B);
    const LebField &Size = Code->Bodies[below(Code->Bodies.size())];
    size_t Start = Size.Pos + Size.Len;
    Bytes Body(B.begin() + Start, B.begin() + Start + Size.Value);
    size_t At = below(Body.size());
    uint8_t New = below(2) ? Opcodes[below(std::size(Opcodes))] : interestingByte();
    switch (below(4)) {
    case 0:
      if (!Body.empty())
        Body[At] = New;
      break;
    case 1:
      if (!Body.empty())
        Body[At] ^= uint8_t(1u << below(8));
      break;
    case 2:
      Body.insert(Body.begin() + At, New);
      break;
    default:
      if (!Body.empty())
        Body.erase(Body.begin() + At);
      break;
    }
    const LebField &Section = Code->SectionSize;
    Bytes NewBody = cat({uleb(Body.size()), Body});
    uint64_t NewSectionSize = Section.Value - (Size.Len + Size.Value) + NewBody.size();
    B = cat({Bytes(B.begin(), B.begin() + Section.Pos), uleb(NewSectionSize),
             Bytes(B.begin() + Section.Pos + Section.Len, B.begin() + Size.Pos), NewBody,
             Bytes(B.begin() + Start + Size.Value, B.end())});
  }

  std::mt19937_64 Rng;
};

//===-- Hostile modules --------------------------------------------------------===//

struct Hostile {
  const char *What;
  Bytes Module;
  Outcome Expected;
  const char *Message; // a substring of the error message
};

Bytes withTypeAndFunction(const Bytes &Code) {
  return cat({header(), section(sec::Type, {0x01, 0x60, 0x00, 0x00}),
              section(sec::Function, {0x01, 0x00}), section(sec::Code, Code)});
}

Bytes nested(uint8_t Opcode, uint32_t Depth) {
  Bytes Body;
  for (uint32_t I = 0; I < Depth; ++I)
    Body.insert(Body.end(), {Opcode, ty::EmptyBlock});
  Body.insert(Body.end(), Depth + 1, op::End);
  return singleFunction({}, {}, Body);
}

std::vector<Hostile> hostileModules() {
  const Bytes Huge = {0xFF, 0xFF, 0xFF, 0xFF, 0x0F};
  std::vector<Hostile> H;
  H.push_back({"an empty file", {}, Outcome::Malformed, "unexpected end"});
  H.push_back(
      {"a truncated header", {0x00, 'a', 's', 'm', 0x01}, Outcome::Malformed, "unexpected end"});
  H.push_back({"a section claiming 4 GiB", cat({header(), {sec::Code}, Huge}), Outcome::Malformed,
               "length out of bounds"});
  H.push_back({"a custom section claiming 4 GiB", cat({header(), {sec::Custom}, Huge, name("x")}),
               Outcome::Malformed, "length out of bounds"});
  H.push_back({"a type section with 2^32-1 entries", cat({header(), section(sec::Type, Huge)}),
               Outcome::Malformed, "length out of bounds"});
  H.push_back({"a function section with 2^32-1 entries",
               cat({header(), section(sec::Function, Huge)}), Outcome::Malformed,
               "length out of bounds"});
  H.push_back({"an element segment with 2^32-1 entries",
               cat({header(), section(sec::Elem, cat({{0x01, 0x01, 0x00}, Huge}))}),
               Outcome::Malformed, "length out of bounds"});
  H.push_back({"a data segment of 4 GiB",
               cat({header(), section(sec::Data, cat({{0x01, 0x01}, Huge, {0x00}}))}),
               Outcome::Malformed, "unexpected end"});

  Bytes TooManyTypes = uleb(limits::MaxTypes + 1);
  for (uint32_t I = 0; I <= limits::MaxTypes; ++I)
    TooManyTypes.insert(TooManyTypes.end(), {0x60, 0x00, 0x00});
  H.push_back({"a million and one types", cat({header(), section(sec::Type, TooManyTypes)}),
               Outcome::Malformed, "too many types (implementation limit: 1000000)"});

  H.push_back({"a function declaring a million locals",
               singleFunction({}, {}, {op::End}, nullptr, {{1000000, ir::ValType::I32}}),
               Outcome::Malformed, "too many locals (implementation limit: 50000)"});
  ModuleBuilder::Locals ManyDecls(20, {50000, ir::ValType::F64});
  H.push_back({"a million locals over 20 declarations",
               singleFunction({}, {}, {op::End}, nullptr, ManyDecls), Outcome::Malformed,
               "too many locals (implementation limit: 50000)"});
  H.push_back({"a local declaration count of 2^32-1",
               withTypeAndFunction(cat({{0x01, 0x07}, Huge, {0x00, op::End}})), Outcome::Malformed,
               "length out of bounds"});
  H.push_back({"a function body claiming 4 GiB",
               withTypeAndFunction(cat({{0x01}, Huge, {0x00, op::End}})), Outcome::Malformed,
               "implementation limit"});

  H.push_back({"100,000 nested blocks", nested(op::Block, 100000), Outcome::Malformed,
               "blocks nested too deeply (implementation limit: 50000)"});
  H.push_back({"100,000 nested loops", nested(op::Loop, 100000), Outcome::Malformed,
               "blocks nested too deeply (implementation limit: 50000)"});
  H.push_back({"blocks nested just within the limit",
               nested(op::Block, limits::MaxControlDepth - 1), Outcome::Accepted, ""});

  H.push_back(
      {"a br_table with 2^32-1 targets",
       singleFunction({}, {}, cat({{op::I32Const, 0x00, op::BrTable}, Huge, {0x00, op::End}})),
       Outcome::Malformed, "length out of bounds"});
  Bytes Targets(limits::MaxBrTableTargets + 1, 0x00);
  H.push_back({"a br_table with a million targets present",
               singleFunction({}, {},
                              cat({{op::I32Const, 0x00, op::BrTable},
                                   uleb(limits::MaxBrTableTargets),
                                   Targets,
                                   {op::End}})),
               Outcome::Malformed, "implementation limit"});
  Bytes Wide(limits::MaxBrTableTargets - 1, 0x00);
  H.push_back({"a br_table just within the limit",
               singleFunction({}, {},
                              cat({{op::I32Const, 0x00, op::BrTable},
                                   uleb(limits::MaxBrTableTargets - 2),
                                   Wide,
                                   {op::End}})),
               Outcome::Accepted, ""});

  H.push_back({"a memory of 2^32-1 pages",
               cat({header(), section(sec::Memory, cat({{0x01, 0x00}, Huge}))}), Outcome::Invalid,
               "memory size must be at most 65536 pages"});
  Bytes Names = cat({{0x01}, uleb(7), Huge, {0x00, 0x00}});
  H.push_back({"a name section claiming 2^32-1 names",
               cat({withTypeAndFunction({0x01, 0x02, 0x00, op::End}),
                    section(sec::Custom, cat({name("name"), Names}))}),
               Outcome::Accepted, ""});
  return H;
}

bool runHostile() {
  bool Ok = true;
  for (const Hostile &H : hostileModules()) {
    std::string Problem;
    Outcome O = run(H.Module, Problem);
    std::string Result = describe(H.Module);
    bool Pass = Problem.empty() && O == H.Expected && llvm::StringRef(Result).contains(H.Message);
    llvm::outs() << (Pass ? "  ok    " : "  FAIL  ") << H.What << ": " << Result << "\n";
    Ok &= Pass;
  }
  return Ok;
}

} // namespace

int main(int Argc, char **Argv) {
  llvm::cl::HideUnrelatedOptions(Category);
  llvm::cl::ParseCommandLineOptions(Argc, Argv,
                                    "Mutation and hostile-input test of decoder and validator\n");
  auto Start = std::chrono::steady_clock::now();
  bool Ok = true;

  llvm::outs() << "hostile modules:\n";
  Ok &= runHostile();

  llvm::outs().flush(); // keep the order of stdout and stderr lines
  std::vector<Seed> Seeds;
  if (!loadSeeds(Seeds) || Seeds.empty()) {
    llvm::errs() << "FAIL: no seed modules; the mutation test cannot run\n";
    return 1;
  }
  llvm::outs() << Seeds.size() << " seed modules from " << std::size(SeedWasts) << " .wast files\n";
  for (const Seed &S : Seeds) {
    std::string Result = describe(S.Module);
    if (Result != "ok") {
      llvm::outs() << "  FAIL  seed " << S.Name << " does not validate: " << Result << "\n";
      Ok = false;
    }
  }

  llvm::outs() << "mutating with seed " << RandomSeed << ", " << NumCases << " cases\n";
  Mutator Mut(RandomSeed);
  size_t Counts[3] = {};
  size_t PerMutation[size_t(Mutation::Count)][3] = {};
  size_t Violations = 0;
  fs::path FailureDir = fs::path(WorkDir.getValue()) / "failures";
  for (unsigned Case = 0; Case < NumCases; ++Case) {
    const Seed &S = Seeds[Mut.below(Seeds.size())];
    Bytes B = S.Module;
    Mutation Kind = Mut.mutate(B);
    // Stack a second mutation now and then, to get past the first check.
    if (Mut.below(4) == 0)
      Mut.mutate(B);
    std::string Problem;
    Outcome O = run(B, Problem);
    ++Counts[size_t(O)];
    ++PerMutation[size_t(Kind)][size_t(O)];
    if (Problem.empty())
      continue;
    ++Violations;
    fs::create_directories(FailureDir);
    fs::path Saved = FailureDir / ("case-" + std::to_string(Case) + ".wasm");
    std::ofstream(Saved, std::ios::binary)
        .write(reinterpret_cast<const char *>(B.data()), B.size());
    llvm::outs() << "  FAIL  case " << Case << " (" << MutationNames[size_t(Kind)] << " of "
                 << S.Name << "): " << Problem << "; saved as " << Saved.string() << "\n";
  }

  size_t Rejected = Counts[size_t(Outcome::Malformed)] + Counts[size_t(Outcome::Invalid)];
  llvm::outs() << "results: " << Counts[0] << " accepted, " << Counts[1] << " malformed, "
               << Counts[2] << " invalid, " << Violations << " contract violations\n";
  for (size_t K = 0; K < size_t(Mutation::Count); ++K)
    llvm::outs() << "  " << MutationNames[K] << ": " << PerMutation[K][0] << " / "
                 << PerMutation[K][1] << " / " << PerMutation[K][2] << "\n";
  // Most mutants of small modules must break them; if few do, the mutations
  // are not reaching the decoder (or it accepts garbage).
  if (NumCases && Rejected * 2 < NumCases) {
    llvm::outs() << "FAIL: only " << Rejected << " of " << NumCases << " mutants rejected\n";
    Ok = false;
  }
  Ok &= Violations == 0;

  std::chrono::duration<double> Elapsed = std::chrono::steady_clock::now() - Start;
  llvm::outs() << (Ok ? "PASS" : "FAIL") << " in " << llvm::format("%.1f", Elapsed.count())
               << " s\n";
  return Ok ? 0 : 1;
}
