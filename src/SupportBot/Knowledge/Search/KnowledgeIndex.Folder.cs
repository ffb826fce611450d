using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SupportBot.Knowledge.Search;

/// <summary>Opening the index's folder: BM25 for writing and searching, and a damaged folder rebuilt from the store.</summary>
internal sealed partial class KnowledgeIndex
{
    private static (LuceneDirectory, IndexWriter) Open(string folder, ILogger log)
    {
        try
        {
            return OpenWriter(folder);
        }
        catch (Exception damaged) when (damaged is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException or IOException)
        {
            // Derived data: a folder that cannot be read is rebuilt from the store (the catch-up starts from sequence 0).
            RebuildingIndex(log, damaged, folder);
            System.IO.Directory.Delete(folder, recursive: true);
            return OpenWriter(folder);
        }
    }

    private static (LuceneDirectory, IndexWriter) OpenWriter(string folder)
    {
        var directory = FSDirectory.Open(folder);
        var config = new IndexWriterConfig(BilingualAnalyzer.Version, new BilingualAnalyzer())
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = new BM25Similarity(),
        };
        try
        {
            return (directory, new IndexWriter(directory, config));
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    private sealed class Bm25Searchers : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The knowledge index in {Folder} could not be opened; rebuilding it from the store")]
    private static partial void RebuildingIndex(ILogger logger, Exception error, string folder);
}
