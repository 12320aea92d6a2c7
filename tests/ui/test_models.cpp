// Real models in the studio: the models folder fills the checkpoint, VAE and LoRA pickers (with
// search), a single-file checkpoint, a VAE file and LoRAs from the list and from prompt tags all
// generate, each model remembers its VAE, and a file that is not a model is refused in words.
// Uses the tiny random-weight fixtures that the core tests check against diffusers.
#include "gallery_panel.h"
#include "lora_panel.h"
#include "main_window.h"
#include "model_bar.h"
#include "small_studio.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QCompleter>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using sdxl::ui::MainWindow;
using sdxl::ui::ModelChoice;
using sdxl::ui::test::generateOnce;
using sdxl::ui::test::smallStudio;

class TestModels final : public QObject {
  Q_OBJECT

  QTemporaryDir m_output, m_models;
  QString m_fixtures;

  QString fixture(const QString& name) const { return m_fixtures + QLatin1Char('/') + name; }
  QString inModels(const QString& name) const { return m_models.filePath(name); }

  std::unique_ptr<MainWindow> window() {
    auto w = smallStudio(m_output.path(), QStringLiteral("a red fox in the snow"), 2);
    w->setModelsFolder(m_models.path());
    return w;
  }

  static void waitReady(MainWindow& w) {
    QTRY_COMPARE_WITH_TIMEOUT(w.findChild<QLabel*>(QStringLiteral("modelStatus"))->text(), QStringLiteral("ready"), 30000);
  }


  static int rowOf(QComboBox* combo, const QString& text) {
    for (int i = 0; i < combo->count(); ++i)
      if (combo->itemText(i).startsWith(text)) return i;
    return -1;
  }

private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SDXL Studio Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("SDXL Studio Model Tests"));
    QSettings().clear();
    m_fixtures = qEnvironmentVariable("SDXL_FIXTURES");
    QVERIFY2(QFile::exists(fixture(QStringLiteral("single_file/sdxl_fp32.safetensors"))), "run fixtures.generate first");
    // A models folder as people keep one: checkpoints, a VAE and LoRAs in subfolders, and junk.
    QDir(m_models.path()).mkpath(QStringLiteral("Lora"));
    QDir(m_models.path()).mkpath(QStringLiteral("VAE"));
    for (const auto& [from, to] : {std::pair{"single_file/sdxl_fp32.safetensors", "fox_fp32.safetensors"},
                                   std::pair{"single_file/sdxl_bf16.safetensors", "fox_bf16.safetensors"},
                                   std::pair{"single_file/vae_other.safetensors", "VAE/other_vae.safetensors"},
                                   std::pair{"single_file/not_sdxl_sd1.safetensors", "old_sd1.safetensors"},
                                   std::pair{"single_file/pickle.safetensors", "pickled.safetensors"},
                                   std::pair{"tiny/pipeline", "tiny_folder"},
                                   std::pair{"refiner/refiner_pipeline", "refiner_folder"},
                                   std::pair{"lora/kohya.safetensors", "Lora/grain.safetensors"},
                                   std::pair{"lora/peft.safetensors", "Lora/ink.safetensors"}})
      QVERIFY(QFile::link(fixture(QString::fromLatin1(from)), inModels(QString::fromLatin1(to))));
  }

  // The refiners of the models folder are offered for the refiner row; the image records it, and
  // reusing its parameters brings it back.
  void aRefinerFromTheModelsFolderFinishesTheSteps() {
    auto w = window();
    auto* refiner = w->findChild<QCheckBox*>(QStringLiteral("refiner"));
    auto* model = w->findChild<QComboBox*>(QStringLiteral("refinerModel"));
    QCOMPARE(model->count(), 1); // the base models are not offered as refiners
    QCOMPARE(model->itemText(0), QStringLiteral("refiner_folder"));
    QVERIFY(!model->isEnabled());
    refiner->setChecked(true);
    QVERIFY(model->isEnabled());
    w->findChild<QDoubleSpinBox*>(QStringLiteral("refinerStart"))->setValue(0.5);
    const auto request = w->currentRequest();
    QVERIFY(request.refiner);
    QCOMPARE(request.refiner->start, 0.5);
    const auto parameters = generateOnce(*w);
    QVERIFY2(parameters.contains(QStringLiteral("Refiner: refiner_folder, Refiner switch at: 0.5")), qPrintable(parameters));
    refiner->setChecked(false);
    auto* gallery = w->findChild<QListWidget*>(QStringLiteral("gallery"));
    gallery->setCurrentRow(0);
    w->findChild<sdxl::ui::GalleryPanel*>()->reuseSelected();
    QVERIFY(refiner->isChecked());
    QCOMPARE(w->findChild<QDoubleSpinBox*>(QStringLiteral("refinerStart"))->value(), 0.5);
  }

  void theModelsFolderFillsThePickersWithSearch() {
    auto w = window();
    auto* checkpoint = w->findChild<QComboBox*>(QStringLiteral("checkpoint"));
    auto* vae = w->findChild<QComboBox*>(QStringLiteral("vae"));
    auto* loras = w->findChild<QComboBox*>(QStringLiteral("loraLibrary"));
    QVERIFY(rowOf(checkpoint, QStringLiteral("fox_fp32")) >= 0);
    QVERIFY(rowOf(checkpoint, QStringLiteral("fox_bf16")) >= 0);
    QVERIFY2(checkpoint->itemText(rowOf(checkpoint, QStringLiteral("fox_bf16"))).contains(QStringLiteral("BF16")),
             qPrintable(checkpoint->itemText(rowOf(checkpoint, QStringLiteral("fox_bf16")))));
    QCOMPARE(rowOf(checkpoint, QStringLiteral("old_sd1")), -1); // not SDXL: not offered as a model
    QCOMPARE(rowOf(checkpoint, QStringLiteral("pickled")), -1);
    QCOMPARE(rowOf(checkpoint, QStringLiteral("grain")), -1);   // a LoRA is not a checkpoint
    QVERIFY(rowOf(checkpoint, QStringLiteral("Built-in tiny")) >= 0);
    QVERIFY(rowOf(vae, QStringLiteral("other_vae")) >= 0);
    QCOMPARE(vae->itemData(0).toString(), QString()); // "Automatic" first
    QCOMPARE(loras->count(), 2);
    QCOMPARE(loras->itemText(0), QStringLiteral("grain"));

    // Search: any part of a name, any case.
    checkpoint->completer()->setCompletionPrefix(QStringLiteral("BF1"));
    QStringList found;
    for (int i = 0; checkpoint->completer()->setCurrentRow(i); ++i) found << checkpoint->completer()->currentCompletion();
    QCOMPARE(found.size(), 1);
    QVERIFY(found.first().startsWith(QStringLiteral("fox_bf16")));

    // Each model says what it is; searching by it finds the refiner among the base models.
    QVERIFY2(checkpoint->itemText(rowOf(checkpoint, QStringLiteral("fox_fp32"))).contains(QStringLiteral("SDXL base")),
             qPrintable(checkpoint->itemText(rowOf(checkpoint, QStringLiteral("fox_fp32")))));
    checkpoint->completer()->setCompletionPrefix(QStringLiteral("refiner"));
    found.clear();
    for (int i = 0; checkpoint->completer()->setCurrentRow(i); ++i) found << checkpoint->completer()->currentCompletion();
    QCOMPARE(found.size(), 1);
    QVERIFY2(found.first().startsWith(QStringLiteral("refiner_folder")) && found.first().contains(QStringLiteral("SDXL refiner")),
             qPrintable(found.first()));
  }

  void aSingleFileWithAVaeAndLorasGeneratesAndIsRecorded() {
    auto w = window();
    waitReady(*w);
    const auto checkpoint = inModels(QStringLiteral("fox_fp32.safetensors"));
    ModelChoice choice;
    choice.spec = checkpoint;
    choice.configs = fixture(QStringLiteral("single_file/config")); // the tiny model's shape
    w->useModel(choice);
    waitReady(*w);
    auto parameters = generateOnce(*w);
    QVERIFY2(parameters.contains(QStringLiteral("Model: fox_fp32")), qPrintable(parameters));
    QVERIFY(parameters.contains(QStringLiteral("Model hash: ")));
    QTRY_VERIFY(w->findChild<QLabel*>(QStringLiteral("modelStatus"))->text().startsWith(QStringLiteral("first step ")));

    // The VAE picker: a VAE for this model, recorded in the image.
    auto* vae = w->findChild<QComboBox*>(QStringLiteral("vae"));
    const int vaeRow = rowOf(vae, QStringLiteral("other_vae"));
    vae->setCurrentIndex(vaeRow);
    emit vae->activated(vaeRow);
    QCOMPARE(w->currentModel().vae, inModels(QStringLiteral("VAE/other_vae.safetensors")));
    QCOMPARE(w->currentModel().configs, choice.configs); // kept with the model
    waitReady(*w);
    parameters = generateOnce(*w);
    QVERIFY2(parameters.contains(QStringLiteral("VAE: other_vae.safetensors")), qPrintable(parameters));

    // Each model remembers its VAE: away to the built-in model and back.
    w->chooseModel(QStringLiteral("builtin:tiny"));
    QVERIFY(w->currentModel().vae.isEmpty());
    QVERIFY(!vae->isEnabled());
    waitReady(*w);
    w->chooseModel(checkpoint);
    QCOMPARE(w->currentModel().vae, inModels(QStringLiteral("VAE/other_vae.safetensors")));
    waitReady(*w);

    // LoRAs (made for the tiny diffusers folder): one from the list with its own weights, one from a
    // prompt tag, found in the models folder.
    w->chooseModel(inModels(QStringLiteral("tiny_folder")));
    waitReady(*w);
    auto* library = w->findChild<QComboBox*>(QStringLiteral("loraLibrary"));
    library->setCurrentIndex(library->findText(QStringLiteral("grain")));
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("addLora")), Qt::LeftButton);
    auto* table = w->findChild<QTableWidget*>(QStringLiteral("loras"));
    QCOMPARE(table->rowCount(), 1);
    static_cast<QDoubleSpinBox*>(table->cellWidget(0, 2))->setValue(0.6);
    w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"))->setPlainText(QStringLiteral("a red fox <lora:ink:0.5>"));
    const auto request = w->currentRequest();
    QCOMPARE(request.loras.size(), std::size_t{1});
    QCOMPARE(QString::fromStdString(request.loras[0].file), inModels(QStringLiteral("Lora/grain.safetensors")));
    QCOMPARE(request.loras[0].textWeight, 1.0);
    QCOMPARE(request.loras[0].unetWeight, 0.6);
    QCOMPARE(QString::fromStdString(request.loraFolder), m_models.path());
    QVERIFY(!generateOnce(*w).isEmpty());

    // "Reuse parameters" brings the LoRA list back.
    table->setRowCount(0);
    auto* gallery = w->findChild<QListWidget*>(QStringLiteral("gallery"));
    gallery->setCurrentRow(0);
    w->findChild<sdxl::ui::GalleryPanel*>()->reuseSelected();
    QCOMPARE(table->rowCount(), 1);
  }

  void aFileThatIsNotAModelIsRefusedInWords() {
    auto w = window();
    waitReady(*w);
    for (const auto& [name, words] : {std::pair{"pickled.safetensors", "pickle"}, std::pair{"old_sd1.safetensors", "1.x"},
                                      std::pair{"Lora/grain.safetensors", "LoRA"}}) {
      w->chooseModel(inModels(QString::fromLatin1(name)));
      QTRY_VERIFY_WITH_TIMEOUT(w->lastError().contains(QString::fromLatin1(words), Qt::CaseInsensitive), 30000);
      for (auto* box : w->findChildren<QMessageBox*>()) box->close();
    }
    // The window still works: back to a good model, and it generates.
    w->chooseModel(QStringLiteral("builtin:tiny"));
    waitReady(*w);
    QVERIFY(!generateOnce(*w).isEmpty());
  }

  void recentModelsHaveReadableNames() {
    auto w = window();
    waitReady(*w);
    QMenu* recent = nullptr;
    for (auto* menu : w->menuBar()->findChildren<QMenu*>())
      if (menu->title() == QStringLiteral("&Recent models")) recent = menu;
    QVERIFY(recent);
    QStringList names;
    for (auto* action : recent->actions()) names << action->text();
    QVERIFY2(names.contains(QStringLiteral("fox_fp32")), qPrintable(names.join(QLatin1Char('|'))));
    QVERIFY(names.contains(QStringLiteral("Built-in tiny model (random weights)")));
  }
};

QTEST_MAIN(TestModels)
#include "test_models.moc"
