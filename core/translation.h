#pragma once

#include <QString>
#include <QStringList>
#include <QTranslator>

#include <memory>
#include <vector>

namespace Jw {

/// A QTranslator that finds a message in its context or, failing that, in
/// each namespace around it ("Jw::Profile", then "Jw").
///
/// Core files translate through a local helper that names a context such as
/// "Jw::Profile"; lupdate cannot see that name and files a tr() call in a
/// free function under the function's namespace ("Jw") instead. Looking in
/// the enclosing namespaces as well makes both agree, without tying every
/// call site to one spelling. tst_translations checks that every tr() call
/// lupdate finds resolves this way.
class Translator final : public QTranslator
{
public:
    using QTranslator::QTranslator;

    QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
        int n = -1) const override;
};

/// Jabberwock's language: its own catalogues (qt_add_translations in
/// translations/, compiled in under ":/i18n") and Qt's, installed in the
/// application. English is the language of the source strings; its
/// catalogue holds only the plural forms.
class Localization final
{
public:
    explicit Localization(const QString &catalogueDir = QStringLiteral(":/i18n"));
    ~Localization();
    Localization(const Localization &) = delete;
    Localization &operator=(const Localization &) = delete;

    /// Language codes that have a catalogue, "en" first: {"en", "ko"}.
    QStringList languages() const;
    /// Installs the catalogues for `setting` ("" follows the system) in
    /// place of those installed before, and makes it the default locale.
    /// Returns the language now in use.
    QString apply(const QString &setting);
    /// The language in use ("en" before apply()).
    QString current() const { return m_current; }

    /// What `setting` means given the system's preferred languages (as
    /// QLocale::uiLanguages() lists them) and the available catalogues:
    /// itself if available, for "" the first system language that is, else "en".
    static QString resolve(
        const QString &setting, const QStringList &systemLanguages, const QStringList &available);
    /// The language's name in itself ("English", "한국어").
    static QString nativeName(const QString &code);

private:
    void removeInstalled();

    const QString m_dir;
    std::vector<std::unique_ptr<QTranslator>> m_installed;
    QString m_current = QStringLiteral("en");
};

} // namespace Jw
