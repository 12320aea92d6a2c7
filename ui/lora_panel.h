// The LoRAs merged into the model for the next run, each with its weight for the text encoders
// and for the UNet, picked from the models folder or any file. A1111's <lora:NAME:0.8> tags in
// the prompt work as well; this list is added to them.
#pragma once

#include "sdxl/model_library.h"
#include "sdxl/request.h"

#include <QWidget>

#include <vector>

class QComboBox;
class QTableWidget;

namespace sdxl::ui {

class LoraPanel final : public QWidget {
  Q_OBJECT
public:
  explicit LoraPanel(QWidget* parent = nullptr);
  void setLibrary(const std::vector<sdxl::LibraryEntry>& entries);
  std::vector<sdxl::LoraChoice> loras() const;
  void setLoras(const std::vector<sdxl::LoraChoice>& loras);
  void add(const sdxl::LoraChoice& lora);

private:
  void addFile();
  void removeSelected();

  QComboBox* m_library = nullptr;
  QTableWidget* m_table = nullptr;
};

} // namespace sdxl::ui
