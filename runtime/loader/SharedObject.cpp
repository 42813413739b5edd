//===- loader/SharedObject.cpp ---------------------------------------------===//
#include "loader/SharedObject.h"

#include <dlfcn.h>

#include <utility>

using namespace wasmaot::runtime;

namespace {

/// dlerror()'s message, or Fallback if there is none. dlerror() also clears
/// the message, so each failure is reported once.
Error takeDlError(const std::string &Fallback) {
  const char *Message = dlerror();
  return Error(Message ? std::string(Message) : Fallback);
}

} // namespace

Result<SharedObject> SharedObject::open(const std::string &Path) {
  void *Handle = dlopen(Path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!Handle)
    return takeDlError("cannot load '" + Path + "'");
  return SharedObject(Handle, Path);
}

SharedObject::SharedObject(SharedObject &&Other) noexcept
    : Handle(std::exchange(Other.Handle, nullptr)), Path(std::move(Other.Path)) {}

SharedObject &SharedObject::operator=(SharedObject &&Other) noexcept {
  if (this != &Other) {
    close();
    Handle = std::exchange(Other.Handle, nullptr);
    Path = std::move(Other.Path);
  }
  return *this;
}

SharedObject::~SharedObject() { close(); }

void SharedObject::close() {
  // A failing dlclose() leaves the object loaded, which is harmless, and a
  // destructor has no caller to report it to.
  if (Handle)
    dlclose(Handle);
  Handle = nullptr;
}

Result<void *> SharedObject::symbol(const char *Name) const {
  // Clear any earlier message: only dlerror() tells a failed lookup from a
  // symbol whose address is null.
  dlerror();
  void *Address = dlsym(Handle, Name);
  if (!Address)
    return takeDlError("symbol '" + std::string(Name) + "' in '" + Path + "' has address 0");
  return Address;
}
