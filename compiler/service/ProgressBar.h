//===- service/ProgressBar.h - How far a long compilation is, on a terminal ===//
//
// Big modules take a while even on every core. On a terminal the compiler
// shows, on stderr, which is the wasmaot command's:
//
//   compiling app.wasm [##########----------] 1301/2602 functions, 9.8 s, ~10 s left
//
// redrawn in place a few times a second, from the first second on (a quick
// compile shows nothing), and erased at the end, so that what follows
// starts on a clean line. The `wasmaot` command asks for it only when its
// stderr is a terminal and --quiet is not given.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "driver/Progress.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

namespace wasmaot::service {

class ProgressBar {
public:
  /// Starts the clock, and the thread that redraws the bar.
  ProgressBar(std::string Name, std::FILE *Out = stderr);
  /// Erases the bar.
  ~ProgressBar();
  ProgressBar(const ProgressBar &) = delete;
  ProgressBar &operator=(const ProgressBar &) = delete;

  /// Records how far the compilation is (any thread may call it).
  void update(const CompileProgress &Now);

  /// The bar's line for Now after Elapsed seconds, Width cells wide.
  static std::string render(const std::string &Name, const CompileProgress &Now,
                            double Elapsed, unsigned Width = 20);

private:
  void run();

  std::string Name;
  std::FILE *Out;
  std::chrono::steady_clock::time_point Start;
  std::mutex Lock;
  std::condition_variable Wake;
  CompileProgress Progress;
  bool Done = false;
  bool Drawn = false;
  std::thread Redraw;
};

} // namespace wasmaot::service
