//===- support/Result.h - A value or an error, without exceptions ---------===//
//
// The runtime is linked into small native executables and is called from
// generated code, so it neither uses LLVM's Error nor throws: an operation
// that can fail returns a Result<T>, which holds either its value or an Error
// with a message for the host to print.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <variant>

namespace wasmaot::runtime {

/// Why a runtime operation failed, in words a host can print as is.
class Error {
public:
  /// Most errors are just failures; a few call for a different response.
  enum Kind : uint8_t {
    Failure,
    /// Compiled code that is sound but cannot run on this machine (another
    /// CPU, architecture or runtime ABI): compiling it again gives the same.
    WrongHost,
  };

  explicit Error(std::string Message, Kind K = Failure) : Message(std::move(Message)), K(K) {}
  const std::string &message() const { return Message; }
  Kind kind() const { return K; }

private:
  std::string Message;
  Kind K;
};

/// "What: <strerror(Errno)>", without strerror's shared buffer.
inline Error systemError(const std::string &What, int Errno) {
  return Error(What + ": " + std::generic_category().message(Errno));
}

template <typename T> class [[nodiscard]] Result {
public:
  Result(T Value) : Storage(std::in_place_index<0>, std::move(Value)) {}
  Result(Error E) : Storage(std::in_place_index<1>, std::move(E)) {}

  explicit operator bool() const { return Storage.index() == 0; }

  T &operator*() {
    assert(*this && "value of a failed Result");
    return *std::get_if<0>(&Storage);
  }
  T *operator->() { return &**this; }

  const Error &error() const {
    assert(!*this && "error of a successful Result");
    return *std::get_if<1>(&Storage);
  }

private:
  std::variant<T, Error> Storage;
};

template <> class [[nodiscard]] Result<void> {
public:
  Result() = default;
  Result(Error E) : Failure(std::move(E)) {}

  explicit operator bool() const { return !Failure; }

  const Error &error() const {
    assert(Failure && "error of a successful Result");
    return *Failure;
  }

private:
  std::optional<Error> Failure;
};

} // namespace wasmaot::runtime
