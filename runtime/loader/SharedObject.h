//===- loader/SharedObject.h - A loaded shared object ----------------------===//
//
// Owns one dlopen() handle: the compiled artifact of a module, loaded to run
// it. This is on the warm-start path (loading an artifact that is already
// compiled), so it depends on nothing but the C library. Failures are
// Results carrying dlerror()'s text.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Result.h"

#include <string>

namespace wasmaot::runtime {

class SharedObject {
public:
  /// Loads the shared object at Path. Every relocation is resolved now
  /// (RTLD_NOW), so a missing symbol fails here rather than at the first call
  /// that needs it, and the object's symbols are not made visible to objects
  /// loaded later (RTLD_LOCAL), so artifacts defining the same names coexist.
  static Result<SharedObject> open(const std::string &Path);

  SharedObject(SharedObject &&Other) noexcept;
  SharedObject &operator=(SharedObject &&Other) noexcept;
  SharedObject(const SharedObject &) = delete;
  SharedObject &operator=(const SharedObject &) = delete;
  /// Unloads the object (dlclose): no address obtained from it may be used
  /// afterwards.
  ~SharedObject();

  /// The address of the symbol Name defined by this object or the objects it
  /// depends on.
  Result<void *> symbol(const char *Name) const;

  /// symbol() as a pointer to a function of type Fn, e.g. int(int, int).
  template <typename Fn> Result<Fn *> function(const char *Name) const {
    Result<void *> Address = symbol(Name);
    if (!Address)
      return Address.error();
    return reinterpret_cast<Fn *>(*Address);
  }

  const std::string &path() const { return Path; }

private:
  SharedObject(void *Handle, std::string Path) : Handle(Handle), Path(std::move(Path)) {}
  void close();

  void *Handle = nullptr;
  std::string Path;
};

} // namespace wasmaot::runtime
