// Pictures from the network are decoded with limits (ui/picture.h): a
// crafted header or a truncated file gives the placeholder, never a crash
// or a huge allocation.

#include "picture.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>
#include <QTest>
#include <QtEndian>

using namespace Jw;

namespace {

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (const char byte : data) {
        crc ^= quint8(byte);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray chunk(const QByteArray &type, const QByteArray &data)
{
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian(quint32(data.size()), out.data());
    QByteArray body = type + data;
    QByteArray crc(4, Qt::Uninitialized);
    qToBigEndian(crc32(body), crc.data());
    return out + body + crc;
}

/// A PNG whose header claims `width`×`height` (RGBA, 8 bits), with a tiny,
/// valid-looking compressed body: what a decompression bomb starts with.
QByteArray pngClaiming(quint32 width, quint32 height)
{
    QByteArray ihdr(13, '\0');
    qToBigEndian(width, ihdr.data());
    qToBigEndian(height, ihdr.data() + 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 6; // RGBA
    const QByteArray idat = qCompress(QByteArray(1024, '\0')).mid(4); // zlib stream
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", idat) + chunk("IEND", {});
}

QByteArray realPng(int side)
{
    QImage image(side, side, QImage::Format_ARGB32);
    image.fill(Qt::red);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QImage read(const QByteArray &bytes, QSize fit = {})
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return Ui::readPicture(&buffer, fit);
}

} // namespace

class TestPicture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anOrdinaryPictureIsShownScaled()
    {
        const QImage whole = read(realPng(400));
        QCOMPARE(whole.size(), QSize(400, 400));
        const QImage thumbnail = read(realPng(400), QSize(100, 60));
        QCOMPARE(thumbnail.size(), QSize(60, 60));
    }

    void aHeaderClaimingHugeDimensionsIsRefusedBeforeDecoding_data()
    {
        QTest::addColumn<quint32>("width");
        QTest::addColumn<quint32>("height");
        QTest::newRow("100000 square") << 100000u << 100000u;
        QTest::newRow("one wide side") << 20000u << 10u;
        QTest::newRow("many pixels") << 16000u << 16000u;
    }
    void aHeaderClaimingHugeDimensionsIsRefusedBeforeDecoding()
    {
        QFETCH(quint32, width);
        QFETCH(quint32, height);
        const QByteArray bomb = pngClaiming(width, height);
        QVERIFY(bomb.size() < 2000);
        // The header is read as such (the check is about the size, not a broken file)…
        QByteArray copy = bomb;
        QBuffer buffer(&copy);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer);
        QCOMPARE(reader.size(), QSize(int(width), int(height)));
        // … and refused.
        QVERIFY(read(bomb).isNull());
        QVERIFY(read(bomb, QSize(200, 200)).isNull());
    }

    void brokenDataGivesThePlaceholder_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray good = realPng(300);
        QTest::newRow("truncated") << good.left(good.size() / 2);
        QTest::newRow("header only") << good.left(33);
        QTest::newRow("signature only") << good.left(8);
        QTest::newRow("garbage") << QByteArray(5000, 'x');
        QTest::newRow("empty") << QByteArray();
    }
    void brokenDataGivesThePlaceholder()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(read(bytes).isNull());
    }

    void aMissingFileGivesThePlaceholder() { QVERIFY(Ui::readPicture(QStringLiteral("/nonexistent/x.png")).isNull()); }
};

QTEST_MAIN(TestPicture)
#include "tst_picture.moc"
