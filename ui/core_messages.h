// The core's errors in the window's language: sdxl::Error carries an English template and its
// arguments (sdxl/error.h); the template is translated here under the "sdxl" context and the
// arguments put in. Messages the core gives in English only stay English.
#pragma once

#include <QString>

#include <exception>

namespace sdxl::ui {

QString errorText(const std::exception& error);

} // namespace sdxl::ui
