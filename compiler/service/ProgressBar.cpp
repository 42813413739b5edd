//===- service/ProgressBar.cpp ---------------------------------------------===//
#include "service/ProgressBar.h"

#include <cmath>

using namespace wasmaot;
using namespace wasmaot::service;

namespace {

/// A quick compile shows nothing.
constexpr std::chrono::milliseconds ShowAfter(1000);
constexpr std::chrono::milliseconds RedrawEvery(250);

std::string seconds(double S) {
  char Buffer[32];
  if (S < 60)
    std::snprintf(Buffer, sizeof Buffer, "%.1f s", S);
  else
    std::snprintf(Buffer, sizeof Buffer, "%um%02us", unsigned(S) / 60, unsigned(S) % 60);
  return Buffer;
}

} // namespace

ProgressBar::ProgressBar(std::string Name, std::FILE *Out)
    : Name(std::move(Name)), Out(Out), Start(std::chrono::steady_clock::now()),
      Redraw([this] { run(); }) {}

ProgressBar::~ProgressBar() {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    Done = true;
  }
  Wake.notify_all();
  Redraw.join();
}

void ProgressBar::update(const CompileProgress &Now) {
  std::lock_guard<std::mutex> Guard(Lock);
  Progress = Now;
}

std::string ProgressBar::render(const std::string &Name, const CompileProgress &Now,
                                double Elapsed, unsigned Width) {
  double Fraction = Now.Weight ? double(Now.WeightDone) / double(Now.Weight) : 0;
  unsigned Filled = unsigned(std::lround(Fraction * Width));
  std::string Line = "compiling " + Name + " [" + std::string(Filled, '#') +
                     std::string(Width - Filled, '-') + "] " +
                     std::to_string(Now.FunctionsDone) + "/" + std::to_string(Now.Functions) +
                     " functions, " + seconds(Elapsed);
  // The estimate assumes the rest goes as fast as what is done, by weight.
  if (Now.WeightDone && Now.WeightDone < Now.Weight)
    Line += ", ~" + seconds(Elapsed * double(Now.Weight - Now.WeightDone) /
                            double(Now.WeightDone)) + " left";
  return Line;
}

void ProgressBar::run() {
  std::unique_lock<std::mutex> Guard(Lock);
  if (Wake.wait_for(Guard, ShowAfter, [this] { return Done; }))
    return;
  while (!Done) {
    double Elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    // \r and erase to the end of the line: the bar is redrawn in place.
    std::fprintf(Out, "\r%s\033[K", render(Name, Progress, Elapsed).c_str());
    std::fflush(Out);
    Drawn = true;
    Wake.wait_for(Guard, RedrawEvery, [this] { return Done; });
  }
  if (Drawn) {
    std::fprintf(Out, "\r\033[K");
    std::fflush(Out);
  }
}
