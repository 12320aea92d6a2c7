// The requests waiting behind the one that runs, in the order they will run: each with its own
// parameters (prompt, size, steps, seed in its tooltip and line), moved up or down, or removed.
// Hidden while nothing waits.
#pragma once

#include "metatypes.h"

#include <QWidget>

#include <optional>

class QListWidget;

namespace sdxl::ui {

class QueuePanel final : public QWidget {
  Q_OBJECT
public:
  explicit QueuePanel(QWidget* parent = nullptr);
  void enqueue(const sdxl::GenerationRequest& request);
  std::optional<sdxl::GenerationRequest> takeNext();
  int size() const;
  bool isEmpty() const { return size() == 0; }
  void clear();
  QListWidget* list() const { return m_list; }

public slots:
  void moveSelected(int by); // -1: earlier, +1: later
  void removeSelected();

signals:
  void changed();

private:
  void refresh();
  QListWidget* m_list = nullptr;
};

} // namespace sdxl::ui
