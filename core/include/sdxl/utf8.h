// Text from outside (command lines, files, PNG metadata) is checked before anything relies on
// it being UTF-8: the JSON of the metadata, the tokenizer and the interface all need it.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace sdxl {

// The offset of the first byte that does not start a well-formed UTF-8 sequence (overlong
// forms, surrogates and code points past U+10FFFF are not well formed), or nullopt.
std::optional<std::size_t> firstInvalidUtf8(std::string_view text);
inline bool isValidUtf8(std::string_view text) { return !firstInvalidUtf8(text); }

} // namespace sdxl
