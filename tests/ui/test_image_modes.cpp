// img2img and inpainting in the studio, driven as a person would: an image opened or sent from
// the gallery, a mask painted (brush, eraser, undo, invert, clear), the strength; the request
// carries them, the tiny built-in model generates from them, and the image records them. Files
// that are not images and masks of another size are refused in words.
#include "gallery_panel.h"
#include "main_window.h"
#include "mask_painter.h"
#include "small_studio.h"
#include "source_image_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using sdxl::ui::MainWindow;
using sdxl::ui::MaskPainter;
using sdxl::ui::SourceImagePanel;
using sdxl::ui::test::generateOnce;
using sdxl::ui::test::smallStudio;

class TestImageModes final : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;

  std::unique_ptr<MainWindow> window() {
    return smallStudio(m_dir.filePath(QStringLiteral("out")), QStringLiteral("a red fox in the snow"), 4);
  }

  static QImage picture(int w, int h) {
    QImage image(w, h, QImage::Format_RGB888);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) image.setPixelColor(x, y, QColor(x * 255 / w, y * 255 / h, 90));
    return image;
  }


private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SDXL Studio Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("SDXL Studio Image Mode Tests"));
    QSettings().clear();
  }

  void anImageMakesImg2imgAndAPaintedMaskInpaints() {
    auto w = window();
    auto* panel = w->findChild<SourceImagePanel*>();
    auto* painter = w->findChild<MaskPainter*>();
    QVERIFY(panel && painter);
    QVERIFY(!w->currentRequest().initImage);
    QVERIFY(w->findChild<QLabel*>(QStringLiteral("imageMode"))->text().contains(QStringLiteral("txt2img")));

    const auto path = m_dir.filePath(QStringLiteral("start.png"));
    QVERIFY(picture(96, 72).save(path)); // another size than the request's: cut and scaled to 64x64
    QString error;
    QVERIFY2(panel->openImage(path, error), qPrintable(error));
    w->findChild<QSlider*>(QStringLiteral("strength"))->setValue(60);
    auto request = w->currentRequest();
    QVERIFY(request.initImage);
    QCOMPARE(request.initImage->width, 64);
    QCOMPARE(request.initImage->height, 64);
    QCOMPARE(request.strength, 0.6);
    QVERIFY(!request.mask);
    auto parameters = generateOnce(*w);
    QVERIFY2(parameters.contains(QStringLiteral("Denoising strength: 0.6")), qPrintable(parameters));
    QVERIFY(!parameters.contains(QStringLiteral("Mask hash")));

    // A stroke, erased in part, undone, inverted and back: the mask follows each.
    painter->setBrushSize(20);
    painter->paintStroke({QPoint(20, 36), QPoint(70, 36)});
    QVERIFY(painter->hasMask());
    QVERIFY(w->findChild<QLabel*>(QStringLiteral("imageMode"))->text().contains(QStringLiteral("Inpainting")));
    const auto painted = painter->mask();
    painter->setEraser(true);
    painter->paintStroke({QPoint(20, 36), QPoint(30, 36)});
    QVERIFY(painter->mask() != painted);
    painter->undo();
    QCOMPARE(painter->mask(), painted);
    painter->setEraser(false);
    painter->invertMask();
    QCOMPARE(qGray(painter->mask().pixel(0, 0)), 255);
    painter->invertMask();
    QCOMPARE(painter->mask(), painted);
    request = w->currentRequest();
    QVERIFY(request.mask);
    QCOMPARE(request.mask->width, 64);
    parameters = generateOnce(*w);
    QVERIFY2(parameters.contains(QStringLiteral("Mask hash: ")), qPrintable(parameters));
    painter->clearMask();
    QVERIFY(!painter->hasMask());
    QVERIFY(!w->currentRequest().mask);

    // "Use its size" sets the request's size to the image's, cut to multiples of 8.
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("useImageSize")), Qt::LeftButton);
    QCOMPARE(w->currentRequest().width, 96);
    QCOMPARE(w->currentRequest().height, 72);
  }

  // Mask blur and "Only masked" reach the request; the area is worked at the request's size and
  // the image made keeps the picture's own size, with the inpaint area in its metadata.
  void onlyTheMaskedAreaIsRepaintedAndTheImageKeepsItsSize() {
    auto w = window();
    auto* panel = w->findChild<SourceImagePanel*>();
    auto* painter = w->findChild<MaskPainter*>();
    const auto path = m_dir.filePath(QStringLiteral("whole.png"));
    QVERIFY(picture(96, 72).save(path));
    QString error;
    QVERIFY2(panel->openImage(path, error), qPrintable(error));
    painter->setBrushSize(12);
    painter->paintStroke({QPoint(30, 30), QPoint(50, 30)});
    w->findChild<QSpinBox*>(QStringLiteral("maskBlur"))->setValue(3);
    w->findChild<QCheckBox*>(QStringLiteral("onlyMasked"))->setChecked(true);
    w->findChild<QSpinBox*>(QStringLiteral("onlyMaskedPadding"))->setValue(16);
    const auto request = w->currentRequest();
    QVERIFY(request.onlyMaskedPadding);
    QCOMPARE(*request.onlyMaskedPadding, 16);
    QCOMPARE(request.maskBlur, 3.0);
    QCOMPARE(request.initImage->width, 96); // whole: the area is cut from it
    QCOMPARE(request.mask->height, 72);
    const auto parameters = generateOnce(*w);
    QVERIFY2(parameters.contains(QStringLiteral("Mask blur: 3")), qPrintable(parameters));
    QVERIFY2(parameters.contains(QStringLiteral("Inpaint area: Only masked, Masked area padding: 16")), qPrintable(parameters));
    auto* gallery = w->findChild<QListWidget*>(QStringLiteral("gallery"));
    const auto made = gallery->item(0)->data(Qt::UserRole + 1).value<QImage>();
    QCOMPARE(made.size(), QSize(96, 72));
    // Far from the mask, the picture is the original's.
    QCOMPARE(made.pixelColor(90, 68), picture(96, 72).pixelColor(90, 68));
  }

  void theGallerySendsAnImageToStartFrom() {
    auto w = window();
    QVERIFY(!generateOnce(*w).isEmpty());
    auto* gallery = w->findChild<QListWidget*>(QStringLiteral("gallery"));
    gallery->setCurrentRow(0);
    w->findChild<sdxl::ui::GalleryPanel*>()->sendSelectedToImage();
    QVERIFY(w->findChild<SourceImagePanel*>()->hasImage());
    QVERIFY(w->currentRequest().initImage);
    QVERIFY(!generateOnce(*w).isEmpty()); // and img2img from it runs
  }

  void theHiresFixRunsTwoPassesAndIsRecorded() {
    auto w = window();
    w->findChild<QCheckBox*>(QStringLiteral("hiresFix"))->setChecked(true);
    w->findChild<QDoubleSpinBox*>(QStringLiteral("hiresScale"))->setValue(1.5);
    auto* upscaler = w->findChild<QComboBox*>(QStringLiteral("hiresUpscaler"));
    upscaler->setCurrentIndex(upscaler->findText(QStringLiteral("Lanczos")));
    const auto request = w->currentRequest();
    QVERIFY(request.hires);
    QCOMPARE(request.hires->width(request.width), 96);
    const auto parameters = generateOnce(*w);
    QVERIFY2(parameters.contains(QStringLiteral("Hires upscale: 1.5, Hires upscaler: Lanczos")), qPrintable(parameters));
    auto* gallery = w->findChild<QListWidget*>(QStringLiteral("gallery"));
    QCOMPARE(gallery->item(0)->data(Qt::UserRole + 1).value<QImage>().width(), 96); // the enlarged image
    // Reuse brings the hires fix back.
    w->findChild<QCheckBox*>(QStringLiteral("hiresFix"))->setChecked(false);
    gallery->setCurrentRow(0);
    w->findChild<sdxl::ui::GalleryPanel*>()->reuseSelected();
    QVERIFY(w->findChild<QCheckBox*>(QStringLiteral("hiresFix"))->isChecked());
    QCOMPARE(w->findChild<QDoubleSpinBox*>(QStringLiteral("hiresScale"))->value(), 1.5);
  }

  void filesThatCannotBeUsedAreRefusedInWords() {
    auto w = window();
    auto* panel = w->findChild<SourceImagePanel*>();
    QString error;
    QVERIFY(!panel->openMask(m_dir.filePath(QStringLiteral("start.png")), error)); // no image yet
    QVERIFY2(error.contains(QStringLiteral("image first")), qPrintable(error));
    const auto junk = m_dir.filePath(QStringLiteral("junk.png"));
    QFile file(junk);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not an image at all");
    file.close();
    QVERIFY(!panel->openImage(junk, error));
    QVERIFY2(error.contains(QStringLiteral("could not be read as an image")), qPrintable(error));
    QVERIFY(!panel->hasImage());
    QVERIFY(panel->openImage(m_dir.filePath(QStringLiteral("start.png")), error));
    const auto small = m_dir.filePath(QStringLiteral("small_mask.png"));
    QVERIFY(picture(32, 32).save(small));
    QVERIFY(!panel->openMask(small, error));
    QVERIFY2(error.contains(QStringLiteral("32x32")) && error.contains(QStringLiteral("96x72")), qPrintable(error));
  }
};

QTEST_MAIN(TestImageModes)
#include "test_image_modes.moc"
