// A seed field that holds any 64-bit seed. QSpinBox stops at INT_MAX, and a clamped seed is
// another image: "Reuse parameters" must give back the very seed that made the picture.
#pragma once

#include <QAbstractSpinBox>

namespace sdxl::ui {

class SeedSpinBox final : public QAbstractSpinBox {
  Q_OBJECT
public:
  explicit SeedSpinBox(QWidget* parent = nullptr);
  quint64 value() const; // what the field shows, also while it is being typed
  void setValue(quint64 seed);
  void stepBy(int steps) override;
  QValidator::State validate(QString& input, int& pos) const override;
  void fixup(QString& input) const override;

signals:
  void valueChanged(quint64 seed);

protected:
  StepEnabled stepEnabled() const override;

private:
  quint64 m_value = 0;
};

} // namespace sdxl::ui
