#include "seed_spin_box.h"

#include <QLineEdit>

#include <limits>

namespace sdxl::ui {

namespace {
constexpr quint64 kMax = std::numeric_limits<quint64>::max();

bool parse(const QString& text, quint64& seed) {
  bool ok = false;
  const auto trimmed = text.trimmed();
  seed = trimmed.toULongLong(&ok);
  return ok && !trimmed.startsWith(QLatin1Char('+')) && !trimmed.startsWith(QLatin1Char('-'));
}
} // namespace

SeedSpinBox::SeedSpinBox(QWidget* parent) : QAbstractSpinBox(parent) {
  lineEdit()->setText(QStringLiteral("0"));
  connect(lineEdit(), &QLineEdit::textEdited, this, [this](const QString& text) {
    quint64 seed = 0;
    if (parse(text, seed) && seed != m_value) {
      m_value = seed;
      emit valueChanged(seed);
    }
  });
  connect(this, &QAbstractSpinBox::editingFinished, this, [this] { lineEdit()->setText(QString::number(m_value)); });
}

quint64 SeedSpinBox::value() const { return m_value; }

void SeedSpinBox::setValue(quint64 seed) {
  const bool changed = seed != m_value;
  m_value = seed;
  lineEdit()->setText(QString::number(seed));
  if (changed) emit valueChanged(seed);
}

void SeedSpinBox::stepBy(int steps) {
  const quint64 magnitude = static_cast<quint64>(steps < 0 ? -static_cast<qint64>(steps) : steps);
  if (steps < 0) setValue(m_value >= magnitude ? m_value - magnitude : 0);
  else setValue(kMax - m_value >= magnitude ? m_value + magnitude : kMax);
}

QValidator::State SeedSpinBox::validate(QString& input, int&) const {
  if (input.trimmed().isEmpty()) return QValidator::Intermediate;
  for (const QChar c : input)
    if (!c.isDigit() || c.unicode() > '9') return QValidator::Invalid;
  quint64 seed = 0;
  return parse(input, seed) ? QValidator::Acceptable : QValidator::Invalid; // past 2^64 - 1
}

void SeedSpinBox::fixup(QString& input) const { input = QString::number(m_value); }

QAbstractSpinBox::StepEnabled SeedSpinBox::stepEnabled() const {
  StepEnabled enabled = StepNone;
  if (m_value > 0) enabled |= StepDownEnabled;
  if (m_value < kMax) enabled |= StepUpEnabled;
  return enabled;
}

} // namespace sdxl::ui
