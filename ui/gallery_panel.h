// The output folder as a gallery: every PNG in it, newest first, survives restarts (thumbnails and
// parameters read in the background), searched by prompt; new images join at the top. A full
// view with zoom; save as; copy to clipboard; the parameters; "reuse these parameters" (any
// image's, through its PNG: ours, A1111's, ComfyUI's); open the output folder.
#pragma once

#include "metatypes.h"

#include "sdxl/request.h"

#include <QImage>
#include <QWidget>

class QLineEdit;
class QListWidget;
class QListWidgetItem;

namespace sdxl::ui {

class GalleryPanel final : public QWidget {
  Q_OBJECT
public:
  explicit GalleryPanel(QWidget* parent = nullptr);
  void add(const QImage& image, const QString& path, const QString& parameters, const QString& requestJson);
  int count() const;
  int visibleCount() const; // those the search shows
  int pendingThumbnails() const { return m_pending; }
  QListWidget* list() const { return m_list; }
  QLineEdit* searchField() const { return m_search; }
  // Shows what the folder holds (the newest kHistory PNGs), read in the background; the images
  // of this session that could not be saved there stay.
  void setOutputFolder(const QString& folder);
  static constexpr int kHistory = 500;
  // Save as without the dialog: onto itself is a no-op, a failed write never touches the source,
  // and an image that was never saved is written with its parameters. Fills `error` on failure.
  bool saveItemAs(int row, const QString& target, QString& error) const;

signals:
  void reuseRequested(const sdxl::GenerationRequest& request);
  void restoreRequested(const QString& pngPath); // an image without our parameters: read it as a dropped PNG
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
  QImage imageOf(const QListWidgetItem* item) const; // held, or read from its file
  void filter();
  void loaded(quint64 generation, const QString& path, const QImage& thumbnail, const QString& parameters,
              const QString& json);
  QListWidget* m_list = nullptr;
  QLineEdit* m_search = nullptr;
  QString m_outputFolder;
  quint64 m_generation = 0; // bumped when the folder changes: late thumbnails of the old one are dropped
  int m_pending = 0;
};

} // namespace sdxl::ui
