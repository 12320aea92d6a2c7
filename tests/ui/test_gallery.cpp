// The gallery's "Save as…" never loses an image: saving onto itself changes nothing, a write that
// fails leaves the source as it was, and an image that was never saved is written with its
// parameters.
#include "gallery_panel.h"

#include "sdxl/image.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <string>

class TestGallery final : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;

  static QImage picture() {
    QImage image(16, 8, QImage::Format_RGB888);
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x) image.setPixelColor(x, y, QColor(x * 16, y * 32, 99));
    return image;
  }

  static QByteArray bytesOf(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
  }

  // A gallery holding one image saved at `path` (through the core, with its parameters).
  QString savedImage(sdxl::ui::GalleryPanel& gallery, const QString& name) {
    const auto path = m_dir.filePath(name);
    const auto image = picture();
    sdxl::Image pixels{image.width(), image.height(), {}};
    for (int y = 0; y < image.height(); ++y)
      pixels.rgb.insert(pixels.rgb.end(), image.constScanLine(y), image.constScanLine(y) + image.width() * 3);
    sdxl::savePng(pixels, path.toStdString(), {{"parameters", "a cat\nSteps: 3"}});
    gallery.add(image, path, QStringLiteral("a cat\nSteps: 3"), QStringLiteral("{}"));
    return path;
  }

private slots:
  void savingOntoItselfIsANoOp() {
    sdxl::ui::GalleryPanel gallery;
    const auto path = savedImage(gallery, QStringLiteral("self.png"));
    const auto before = bytesOf(path);
    QString error;
    QVERIFY2(gallery.saveItemAs(0, path, error), qPrintable(error));
    QCOMPARE(bytesOf(path), before);
    // The same file through another spelling of its path.
    QVERIFY2(gallery.saveItemAs(0, m_dir.path() + QStringLiteral("/./self.png"), error), qPrintable(error));
    QCOMPARE(bytesOf(path), before);
  }

  void aCopyCarriesTheFileAndItsParameters() {
    sdxl::ui::GalleryPanel gallery;
    const auto path = savedImage(gallery, QStringLiteral("source.png"));
    QString error;
    const auto target = m_dir.filePath(QStringLiteral("copy.png"));
    QVERIFY2(gallery.saveItemAs(0, target, error), qPrintable(error));
    QCOMPARE(bytesOf(target), bytesOf(path));
  }

  void aFailedWriteNeverTouchesTheSource() {
    sdxl::ui::GalleryPanel gallery;
    const auto path = savedImage(gallery, QStringLiteral("keep.png"));
    const auto before = bytesOf(path);
    QFile blocker(m_dir.filePath(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QString error;
    QVERIFY(!gallery.saveItemAs(0, blocker.fileName() + QStringLiteral("/x.png"), error));
    QVERIFY(error.contains(QStringLiteral("x.png")));
    QCOMPARE(bytesOf(path), before);
  }

  void anImageThatWasNeverSavedIsWrittenWithItsParameters() {
    sdxl::ui::GalleryPanel gallery;
    gallery.add(picture(), QString(), QStringLiteral("a fox\nSteps: 4"), QStringLiteral("{\"seed\":7}"));
    QString error;
    const auto target = m_dir.filePath(QStringLiteral("rescued.png"));
    QVERIFY2(gallery.saveItemAs(0, target, error), qPrintable(error));
    std::map<std::string, std::string> text;
    const auto back = sdxl::loadPng(target.toStdString(), &text);
    QCOMPARE(back.width, 16);
    QCOMPARE(text.at("parameters"), std::string("a fox\nSteps: 4"));
    QCOMPARE(text.at("sdxl-studio"), std::string("{\"seed\":7}"));
    QCOMPARE(static_cast<int>(back.rgb.at(3 * 3)), 3 * 16); // pixel (3, 0): red is x * 16
  }
};

QTEST_MAIN(TestGallery)
#include "test_gallery.moc"
