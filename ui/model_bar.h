// The bar above the studio, as in A1111: the checkpoint and the VAE to use, picked from the
// models folder (type to search: any part of a name matches), with a rescan button. It shows what
// it is given and says what the person picked; the window does the loading.
#pragma once

#include "model_choice.h"

#include "sdxl/model_library.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QToolButton;

namespace sdxl::ui {

class ModelBar final : public QWidget {
  Q_OBJECT
public:
  explicit ModelBar(QWidget* parent = nullptr);
  // The library's models and VAEs, and recent models that are not in it.
  void setLibrary(const std::vector<sdxl::LibraryEntry>& entries, const QStringList& recent);
  void setChoice(const ModelChoice& choice); // shows it without emitting chosen()
  ModelChoice choice() const { return m_choice; }
  void setStatus(const QString& text, const QString& tooltip = QString());

signals:
  void chosen(const sdxl::ui::ModelChoice& choice);
  void rescanRequested();

private:
  void pickCheckpoint(int index);
  void pickVae(int index);
  static void makeSearchable(QComboBox* combo);
  static int ensureItem(QComboBox* combo, const QString& data, const QString& text);

  QComboBox *m_checkpoint = nullptr, *m_vae = nullptr;
  QToolButton* m_rescan = nullptr;
  QLabel* m_status = nullptr;
  ModelChoice m_choice;
  bool m_updating = false;
};

} // namespace sdxl::ui
