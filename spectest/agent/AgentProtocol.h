//===- spectest/agent/AgentProtocol.h - Spec runner <-> agent messages -----===//
//
// The runner drives an agent process (wasmaot-spectest-agent, built for the
// target and run under qemu-user) over its standard input and output, one
// line per request and one per response. Every line is words separated by
// single spaces; strings (paths, names, fields, messages) are hex-encoded,
// "-" when empty, so that any bytes survive; a slot is its type code and its
// 16 bytes in hex ("7f:2a000000000000000000000000000000").
//
//   instantiate PATH NAME    ->  ok  |  fail KIND MESSAGE
//   register NAME AS         ->  ok  |  error MESSAGE
//   invoke MODULE FIELD SLOT...
//   get MODULE FIELD         ->  returned SLOT...  |  trapped KIND  |  failed MESSAGE
//
// Plain C++: the agent is built for targets without LLVM.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Session.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::spectest::agent {

std::string encodeText(std::string_view Text);
std::optional<std::string> decodeText(std::string_view Word);

std::string encodeSlot(const TypedSlot &S);
std::optional<TypedSlot> decodeSlot(std::string_view Word);

/// The words of Line.
std::vector<std::string_view> splitWords(std::string_view Line);

std::string instantiateRequest(const std::string &ObjectPath, const std::string &Name);
std::string registerRequest(const std::string &Name, const std::string &As);
std::string actionRequest(const ActionRequest &A);

/// The request in Line carried out on S; the response line.
std::string serve(Session &S, std::string_view Line);

std::optional<InstantiateFailure> parseInstantiateResponse(std::string_view Line,
                                                           bool &Malformed);
std::string parseRegisterResponse(std::string_view Line, bool &Malformed);
ActionResult parseActionResponse(std::string_view Line);

} // namespace wasmaot::spectest::agent
