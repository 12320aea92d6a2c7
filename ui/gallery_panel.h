// The results of this session: thumbnails; a full view with zoom; save as; copy to clipboard;
// the parameters; "reuse these parameters"; open the output folder.
#pragma once

#include "metatypes.h"

#include "sdxl/request.h"

#include <QImage>
#include <QWidget>

class QListWidget;
class QListWidgetItem;

namespace sdxl::ui {

class GalleryPanel final : public QWidget {
  Q_OBJECT
public:
  explicit GalleryPanel(QWidget* parent = nullptr);
  void add(const QImage& image, const QString& path, const QString& parameters, const QString& requestJson);
  int count() const;
  QListWidget* list() const { return m_list; }
  void setOutputFolder(const QString& folder) { m_outputFolder = folder; }
  // Save as without the dialog: onto itself is a no-op, a failed write never touches the source,
  // and an image that was never saved is written with its parameters. Fills `error` on failure.
  bool saveItemAs(int row, const QString& target, QString& error) const;

signals:
  void reuseRequested(const sdxl::GenerationRequest& request);
  void current(const QImage& image);
  void sendToImage(const QImage& image); // to start img2img or inpainting from

public slots:
  void viewSelected();
  void saveSelectedAs();
  void copySelected();
  void showParameters();
  void reuseSelected();
  void sendSelectedToImage();
  void openOutputFolder();

private:
  QListWidgetItem* selected() const;
  QListWidget* m_list = nullptr;
  QString m_outputFolder;
};

} // namespace sdxl::ui
