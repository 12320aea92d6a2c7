// The interface language: the system's by default, English or Japanese by choice (Language
// menu, kept in QSettings). Translations are compiled into the program.
#pragma once

#include <QString>

namespace sdxl::ui {

// "system", "en" or "ja". Returns the language actually installed ("en" or "ja").
QString installLanguage(const QString& code);

} // namespace sdxl::ui
