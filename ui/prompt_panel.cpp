#include "prompt_panel.h"

#include "sdxl/prompt.h"

#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace sdxl::ui {

PromptPanel::PromptPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_prompt = new QPlainTextEdit;
  m_prompt->setObjectName(QStringLiteral("prompt"));
  m_prompt->setPlaceholderText(tr("Describe the image"));
  m_prompt->setTabChangesFocus(true);
  m_negative = new QPlainTextEdit;
  m_negative->setObjectName(QStringLiteral("negativePrompt"));
  m_negative->setPlaceholderText(tr("What the image should not contain (empty: none)"));
  m_negative->setToolTip(tr("<p>Left empty, the negative side is zero conditioning, as diffusers makes it for SDXL "
                            "base. A1111 and ComfyUI encode the empty text instead: tick the box below to do as they "
                            "do (the images differ).</p>"));
  m_encodeEmpty = new QCheckBox(tr("Encode an empty negative prompt (as A1111, ComfyUI)"));
  m_encodeEmpty->setObjectName(QStringLiteral("encodeEmptyNegative"));
  m_encodeEmpty->setToolTip(m_negative->toolTip());
  m_negative->setTabChangesFocus(true);
  m_negative->setMaximumHeight(90);
  // Two lines at the least: small screens give the room to the settings below.
  for (auto* edit : {m_prompt, m_negative}) edit->setMinimumHeight(edit->fontMetrics().lineSpacing() * 2 + 12);
  m_promptCount = new QLabel;
  m_promptCount->setObjectName(QStringLiteral("promptTokenCount"));
  m_negativeCount = new QLabel;
  m_negativeCount->setObjectName(QStringLiteral("negativeTokenCount"));
  // The counts (in Japanese especially) are longer than the narrowest left column: they wrap.
  for (auto* count : {m_promptCount, m_negativeCount}) count->setWordWrap(true);
  auto* promptLabel = new QLabel(tr("&Prompt"));
  promptLabel->setBuddy(m_prompt);
  auto* negativeLabel = new QLabel(tr("&Negative prompt"));
  negativeLabel->setBuddy(m_negative);
  layout->addWidget(promptLabel);
  layout->addWidget(m_prompt, 1);
  layout->addWidget(m_promptCount);
  layout->addWidget(negativeLabel);
  layout->addWidget(m_negative);
  layout->addWidget(m_negativeCount);
  layout->addWidget(m_encodeEmpty);
  connect(m_prompt, &QPlainTextEdit::textChanged, this, [this] { updateCounts(m_prompt, m_promptCount); });
  connect(m_negative, &QPlainTextEdit::textChanged, this, [this] { updateCounts(m_negative, m_negativeCount); });
  updateCounts(m_prompt, m_promptCount);
  updateCounts(m_negative, m_negativeCount);
}

void PromptPanel::setTokenizers(std::shared_ptr<const ClipTokenizer> first, std::shared_ptr<const ClipTokenizer> second) {
  m_first = std::move(first);
  m_second = std::move(second);
  updateCounts(m_prompt, m_promptCount);
  updateCounts(m_negative, m_negativeCount);
}

QString PromptPanel::prompt() const { return m_prompt->toPlainText(); }
QString PromptPanel::negativePrompt() const { return m_negative->toPlainText(); }
bool PromptPanel::encodeEmptyNegative() const { return m_encodeEmpty->isChecked(); }
void PromptPanel::setEncodeEmptyNegative(bool encode) { m_encodeEmpty->setChecked(encode); }

void PromptPanel::setPrompts(const QString& prompt, const QString& negative) {
  m_prompt->setPlainText(prompt);
  m_negative->setPlainText(negative);
}

namespace {
// QTextCursor positions (UTF-16 code units) of every byte offset of a UTF-8 text.
std::vector<int> utf16Positions(const std::string& utf8) {
  std::vector<int> at(utf8.size() + 1, 0);
  int position = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    at[i] = position;
    const auto c = static_cast<unsigned char>(utf8[i]);
    if ((c & 0xC0) != 0x80) position += c >= 0xF0 ? 2 : 1; // a 4-byte character is a surrogate pair
  }
  at[utf8.size()] = position;
  return at;
}

QTextEdit::ExtraSelection mark(QPlainTextEdit* edit, int from, int to, const QColor& color, const QString& tip) {
  QTextEdit::ExtraSelection s;
  s.cursor = QTextCursor(edit->document());
  s.cursor.setPosition(from);
  s.cursor.setPosition(to, QTextCursor::KeepAnchor);
  s.format.setBackground(color);
  s.format.setToolTip(tip);
  return s;
}
} // namespace

void PromptPanel::updateCounts(QPlainTextEdit* edit, QLabel* label) {
  if (!m_first || !m_second) {
    label->setText(tr("tokens: (choose a model to count them)"));
    return;
  }
  // The prompt as the pipeline reads it (A1111's syntax): the same parser and chunking.
  const auto utf8 = edit->toPlainText().toStdString();
  const auto parsed = sdxl::parsePrompt(utf8);
  const auto first = sdxl::chunkPrompt(parsed, *m_first), second = sdxl::chunkPrompt(parsed, *m_second);
  const int chunks = static_cast<int>(std::max(first.chunks.size(), second.chunks.size()));
  label->setText(tr("tokens: CLIP ViT-L %1 · OpenCLIP bigG %2 · %n chunk(s) of 75", nullptr, chunks)
                     .arg(first.tokenCount)
                     .arg(second.tokenCount));
  label->setToolTip(tr("Prompts of any length are encoded in chunks of 75 tokens; BREAK starts a new chunk, and a "
                       "chunk that fills up just after a comma moves what follows the comma to the next."));

  // Every weighted piece of the text, warmer above 1 and cooler below; tags taken out of the text.
  const auto positions = utf16Positions(utf8);
  QList<QTextEdit::ExtraSelection> marks;
  for (const auto& span : parsed.spans) {
    if (span.weight == 1.0) continue;
    const double strength = std::min(1.0, std::abs(span.weight - 1.0) / 0.5);
    const QColor color = span.weight > 1 ? QColor(230, 126, 34, int(40 + 120 * strength))
                                         : QColor(52, 152, 219, int(40 + 120 * strength));
    marks.push_back(mark(edit, positions[span.begin], positions[span.end], color,
                         tr("weight %1").arg(span.weight, 0, 'g', 4)));
  }
  for (const auto& tag : parsed.networks)
    marks.push_back(mark(edit, positions[tag.begin], positions[tag.end], QColor(142, 68, 173, 60),
                         tag.problem.empty() ? tr("%1 \"%2\", weight %3: taken out of the text the encoders see")
                                                   .arg(QString::fromStdString(tag.type), QString::fromStdString(tag.name))
                                                   .arg(tag.textWeight)
                                             : QString::fromStdString(tag.problem)));
  edit->setExtraSelections(marks);
}

} // namespace sdxl::ui
