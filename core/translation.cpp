#include "translation.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>

namespace Jw {
namespace {

const QString CatalogueBase = QStringLiteral("jabberwock_");

/// "ko-KR" -> "ko"; "zh-Hant-TW" -> "zh".
QString languageOf(const QString &tag)
{
    return tag.section(u'-', 0, 0).section(u'_', 0, 0).toLower();
}

} // namespace

QString Translator::translate(
    const char *context, const char *sourceText, const char *disambiguation, int n) const
{
    QString found = QTranslator::translate(context, sourceText, disambiguation, n);
    if (!found.isNull() || !context)
        return found;
    QByteArray scope(context);
    for (qsizetype cut = scope.lastIndexOf("::"); cut > 0; cut = scope.lastIndexOf("::")) {
        scope.truncate(cut);
        found = QTranslator::translate(scope.constData(), sourceText, disambiguation, n);
        if (!found.isNull())
            return found;
    }
    return found;
}

Localization::Localization(const QString &catalogueDir)
    : m_dir(catalogueDir)
{
}

Localization::~Localization()
{
    removeInstalled();
}

QStringList Localization::languages() const
{
    QStringList codes { QStringLiteral("en") };
    const QStringList files
        = QDir(m_dir).entryList({ CatalogueBase + QStringLiteral("*.qm") }, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QString code = file.mid(CatalogueBase.size()).chopped(3);
        if (!codes.contains(code))
            codes.append(code);
    }
    return codes;
}

QString Localization::resolve(
    const QString &setting, const QStringList &systemLanguages, const QStringList &available)
{
    if (!setting.isEmpty())
        return available.contains(setting) ? setting : QStringLiteral("en");
    for (const QString &tag : systemLanguages) {
        const QString language = languageOf(tag);
        if (available.contains(language))
            return language;
    }
    return QStringLiteral("en");
}

QString Localization::nativeName(const QString &code)
{
    if (code == u"en")
        return QStringLiteral("English"); // not "American English": the catalogue is for every English
    const QLocale locale(code);
    QString name = locale.nativeLanguageName();
    if (name.isEmpty())
        return code;
    // "english" in some CLDR data: a language name shown alone starts with a capital.
    name[0] = name[0].toUpper();
    return name;
}

QString Localization::apply(const QString &setting)
{
    removeInstalled();
    const QString language = resolve(setting, QLocale::system().uiLanguages(), languages());
    QLocale::setDefault(setting.isEmpty() ? QLocale::system() : QLocale(language));

    // Qt's own strings (standard buttons, text field menus), where installed.
    auto qt = std::make_unique<QTranslator>();
    if (language != QStringLiteral("en")
        && qt->load(
            QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        m_installed.push_back(std::move(qt));
    }
    // English plural forms first, so that the language's own catalogue,
    // installed later and so searched first, wins.
    QStringList codes { QStringLiteral("en") };
    if (language != codes.first())
        codes.append(language);
    for (const QString &code : std::as_const(codes)) {
        auto own = std::make_unique<Translator>();
        if (own->load(CatalogueBase + code, m_dir)) {
            QCoreApplication::installTranslator(own.get());
            m_installed.push_back(std::move(own));
        }
    }
    m_current = language;
    return language;
}

void Localization::removeInstalled()
{
    for (const auto &translator : m_installed)
        QCoreApplication::removeTranslator(translator.get());
    m_installed.clear();
}

} // namespace Jw
