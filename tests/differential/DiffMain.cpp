//===- tests/differential/DiffMain.cpp - wasmaot-difftest ------------------===//
//
// Differential execution: generates modules from a range of seeds (or reads
// the given files), runs each under wasmaot in every chosen configuration
// and under the reference interpreter, and reports every difference. A
// differing module is kept, named by its seed, for reduction and as a
// regression input (tests/differential/regressions/).
//
//===----------------------------------------------------------------------===//
#include "Engines.h"
#include "ModuleGenerator.h"

#include "CLI/CLI.hpp"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdio>
#include <unistd.h>

using namespace wasmaot;
using namespace wasmaot::difftest;

namespace {

struct Case {
  std::string Name; // "seed 17" or the file's path
  std::vector<uint8_t> Wasm;
};

bool parseSeedRange(const std::string &Text, uint64_t &First, uint64_t &Last) {
  size_t Dots = Text.find("..");
  try {
    First = std::stoull(Text.substr(0, Dots));
    Last = Dots == std::string::npos ? First : std::stoull(Text.substr(Dots + 2));
  } catch (const std::exception &) {
    return false;
  }
  return First <= Last;
}

bool writeFile(const std::string &Path, const std::vector<uint8_t> &Bytes) {
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC);
  Out.write(reinterpret_cast<const char *>(Bytes.data()), Bytes.size());
  Out.close();
  return !EC && !Out.has_error();
}

} // namespace

int main(int Argc, char **Argv) {
  CLI::App App{"Runs generated (or given) modules under wasmaot and under a reference "
               "interpreter and compares what every export returns or traps with.",
               "wasmaot-difftest"};
  std::string Seeds = "1..200", Reference = "wasm-interp", Keep, Emit, Work;
  std::vector<std::string> Files, Bounds{"guard", "explicit"};
  std::vector<unsigned> Levels{0, 2};
  bool NoSimd = false, Verbose = false;
  App.add_option("files", Files, "Modules to run instead of generated ones (e.g. kept "
                                 "differences); their exports must follow the generator's "
                                 "harness convention");
  App.add_option("--seeds", Seeds, "Seeds of the modules to generate, FIRST..LAST")
      ->capture_default_str();
  App.add_option("--bounds", Bounds, "Bounds-check strategies to run under")
      ->delimiter(',')
      ->check(CLI::IsMember({"guard", "explicit"}))
      ->capture_default_str();
  App.add_option("-O", Levels, "Optimization levels to run at")
      ->delimiter(',')
      ->check(CLI::Range(0, 3))
      ->capture_default_str();
  App.add_option("--reference", Reference, "The reference interpreter (wabt's wasm-interp)")
      ->capture_default_str();
  App.add_option("--keep", Keep, "Where to write the modules that differ (seed-N.wasm)");
  App.add_option("--emit", Emit, "Where to write every generated module (seed-N.wasm), "
                                 "e.g. to run them under other engines");
  App.add_option("--work", Work, "A directory for intermediate files (default: a new "
                                 "temporary one)");
  App.add_flag("--no-simd", NoSimd, "Generate modules without v128 instructions");
  App.add_flag("-v,--verbose", Verbose, "Name every module as it runs");
  CLI11_PARSE(App, Argc, Argv);

  uint64_t First = 0, Last = 0;
  if (Files.empty() && !parseSeedRange(Seeds, First, Last)) {
    std::fprintf(stderr, "error: --seeds takes FIRST..LAST, got \"%s\"\n", Seeds.c_str());
    return 2;
  }
  auto Interpreter = llvm::sys::findProgramByName(Reference);
  if (!Interpreter) {
    std::fprintf(stderr, "error: the reference interpreter %s is not installed (Debian "
                         "package wabt; scripts/install-deps.sh installs it)\n",
                 Reference.c_str());
    return 2;
  }
  bool OwnWork = Work.empty();
  if (OwnWork) {
    llvm::SmallString<128> Dir;
    if (llvm::sys::fs::createUniqueDirectory("wasmaot-difftest", Dir)) {
      std::fprintf(stderr, "error: cannot create a temporary directory\n");
      return 2;
    }
    Work = std::string(Dir);
  } else if (auto EC = llvm::sys::fs::create_directories(Work)) {
    std::fprintf(stderr, "error: cannot create %s: %s\n", Work.c_str(), EC.message().c_str());
    return 2;
  }
  for (const std::string &Dir : {Keep, Emit})
    if (!Dir.empty() && llvm::sys::fs::create_directories(Dir)) {
      std::fprintf(stderr, "error: cannot create %s\n", Dir.c_str());
      return 2;
    }

  std::vector<WasmaotEngine> Engines;
  for (const std::string &B : Bounds)
    for (unsigned Level : Levels) {
      CompileOptions Options;
      Options.Bounds = B == "guard" ? WASMAOT_BOUNDS_GUARD : WASMAOT_BOUNDS_EXPLICIT;
      Options.OptLevel = Level;
      Engines.emplace_back(Work, Options);
    }
  InterpreterEngine Ref(*Interpreter, Work);

  gen::GeneratorOptions GenOptions;
  GenOptions.Simd = !NoSimd;
  uint64_t Total = Files.empty() ? Last - First + 1 : Files.size();
  unsigned Passed = 0, Failed = 0, Lines = 0, Traps = 0;
  bool Progress = !Verbose && isatty(2);
  auto Start = std::chrono::steady_clock::now();
  for (uint64_t K = 0; K < Total; ++K) {
    Case C;
    if (Files.empty()) {
      gen::Entropy E(First + K);
      C = {"seed " + std::to_string(First + K), gen::generateModule(E, GenOptions)};
      if (!Emit.empty() &&
          !writeFile(Emit + "/seed-" + std::to_string(First + K) + ".wasm", C.Wasm)) {
        std::fprintf(stderr, "error: cannot write to %s\n", Emit.c_str());
        return 2;
      }
    } else {
      auto Buffer = llvm::MemoryBuffer::getFile(Files[K], false, false);
      if (!Buffer) {
        std::fprintf(stderr, "error: cannot read %s\n", Files[K].c_str());
        return 2;
      }
      C.Name = Files[K];
      C.Wasm.assign((*Buffer)->getBufferStart(), (*Buffer)->getBufferEnd());
    }
    if (Verbose)
      std::fprintf(stderr, "%s (%zu bytes)\n", C.Name.c_str(), C.Wasm.size());
    if (Progress)
      std::fprintf(stderr, "\r%llu/%llu modules, %u differences", (unsigned long long)K,
                   (unsigned long long)Total, Failed);

    Outcome Expected = Ref.run(C.Wasm);
    Lines += Expected.Lines.size();
    for (const std::string &L : Expected.Lines)
      Traps += L.find("=> error: ") != std::string::npos;
    bool Differs = false;
    for (WasmaotEngine &Engine : Engines) {
      std::string Difference = describeDifference(Engine.run(C.Wasm), Expected);
      if (Difference.empty()) {
        ++Passed;
        continue;
      }
      ++Failed;
      Differs = true;
      std::printf("FAIL %s (%s):\n    %s\n", C.Name.c_str(), Engine.name().c_str(),
                  Difference.c_str());
    }
    if (Differs && !Keep.empty() && Files.empty()) {
      std::string Path = Keep + "/seed-" + std::to_string(First + K) + ".wasm";
      if (writeFile(Path, C.Wasm))
        std::printf("    kept as %s\n", Path.c_str());
    }
    std::fflush(stdout);
  }
  if (Progress)
    std::fprintf(stderr, "\r\033[K");
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  std::printf("%llu modules (%u export calls, %u of them trapping) under %zu configurations "
              "against %s in %.1f s\n",
              (unsigned long long)Total, Lines, Traps, Engines.size(), Reference.c_str(),
              Seconds);
  std::printf("%u passed, %u failed\n", Passed, Failed);
  if (OwnWork)
    llvm::sys::fs::remove_directories(Work);
  return Failed ? 1 : 0;
}
