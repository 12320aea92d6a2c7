#include "prompt_panel.h"

#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

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
  m_promptCount = new QLabel;
  m_promptCount->setObjectName(QStringLiteral("promptTokenCount"));
  m_negativeCount = new QLabel;
  m_negativeCount->setObjectName(QStringLiteral("negativeTokenCount"));
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

void PromptPanel::updateCounts(QPlainTextEdit* edit, QLabel* label) {
  if (!m_first || !m_second) {
    label->setText(tr("tokens: (choose a model to count them)"));
    return;
  }
  const auto text = edit->toPlainText();
  const auto utf8 = text.toStdString();
  const int limit = m_first->maxLength() - 2;
  const int first = static_cast<int>(m_first->tokenize(utf8).size());
  const int second = static_cast<int>(m_second->tokenize(utf8).size());
  const bool over = first > limit || second > limit;
  label->setText(tr("tokens: CLIP ViT-L %1/%3 · OpenCLIP bigG %2/%3%4")
                     .arg(first)
                     .arg(second)
                     .arg(limit)
                     .arg(over ? tr(" (the highlighted end is cut off)") : QString()));
  label->setStyleSheet(over ? QStringLiteral("color: #c0392b") : QString());

  // Mark where truncation starts: the shortest prefix that already fills the limit.
  QList<QTextEdit::ExtraSelection> marks;
  if (over) {
    int lo = 0, hi = static_cast<int>(text.size());
    while (lo < hi) {
      const int mid = (lo + hi) / 2;
      const auto prefix = text.left(mid).toStdString();
      const bool full = int(m_first->tokenize(prefix).size()) > limit || int(m_second->tokenize(prefix).size()) > limit;
      if (full) hi = mid;
      else lo = mid + 1;
    }
    // Back up to the start of the word that crossed the limit.
    int cut = std::max(0, lo - 1);
    while (cut > 0 && !text.at(cut - 1).isSpace()) --cut;
    QTextEdit::ExtraSelection mark;
    mark.cursor = QTextCursor(edit->document());
    mark.cursor.setPosition(cut);
    mark.cursor.setPosition(static_cast<int>(text.size()), QTextCursor::KeepAnchor);
    mark.format.setBackground(QColor(231, 76, 60, 60));
    mark.format.setToolTip(tr("Beyond CLIP's 77-token window: the model does not see this"));
    marks.push_back(mark);
  }
  edit->setExtraSelections(marks);
}

} // namespace sdxl::ui
