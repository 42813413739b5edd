//===- cli/CompilerLoader.cpp ----------------------------------------------===//
#include "CompilerLoader.h"

#include <cstdlib>
#include <dlfcn.h>
#include <limits.h>
#include <unistd.h>

namespace wasmaot::cli {

std::string libraryDirectory() {
  if (const char *Dir = std::getenv("WASMAOT_LIB_DIR"); Dir && *Dir)
    return Dir;
  char Self[PATH_MAX];
  ssize_t N = readlink("/proc/self/exe", Self, sizeof Self - 1);
  if (N <= 0)
    return "lib";
  std::string Path(Self, size_t(N));
  std::string BinDir = Path.substr(0, Path.rfind('/'));
  return BinDir.substr(0, BinDir.rfind('/')) + "/lib";
}

runtime::Result<plugin::Compiler *> loadCompiler() {
  static plugin::Compiler *Loaded = nullptr;
  if (Loaded)
    return Loaded;
  std::string Path = libraryDirectory() + "/libwasmaot-compiler.so";
  void *Handle = dlopen(Path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!Handle)
    return runtime::Error(std::string("cannot load the compiler: ") + dlerror());
  auto *Create = reinterpret_cast<decltype(&wasmaot_compiler_plugin_create)>(
      dlsym(Handle, "wasmaot_compiler_plugin_create"));
  if (!Create)
    return runtime::Error(Path + " is not a wasmaot compiler plugin");
  Loaded = Create(plugin::PluginVersion);
  if (!Loaded)
    return runtime::Error(Path + " is a compiler plugin of another wasmaot version");
  return Loaded;
}

std::vector<std::string> runtimeArchives() {
  std::string Dir = libraryDirectory();
  return {Dir + "/libwasmaot_exe_main.a", Dir + "/libwasmaot_loader.a",
          Dir + "/libwasmaot_runtime.a", Dir + "/libwasmaot_moduleinfo.a"};
}

} // namespace wasmaot::cli
