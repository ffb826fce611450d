namespace SupportBot.Knowledge;

/// <summary>
/// Where articles live: the one source of truth the search index is derived from. Owned by the Knowledge feature;
/// LiteDB implements it now, a shared database later. Inside a turn a save joins the turn's transaction.
/// </summary>
internal interface IKnowledgeStore
{
    KnowledgeArticle? Find(string id);

    /// <summary>
    /// Saves a new article (empty <see cref="KnowledgeArticle.Id"/>: it gets the next id) or a change to one whose stored
    /// version is still <c>article.Version</c>; null when someone saved it first. The saved article has the next version.
    /// </summary>
    Task<KnowledgeArticle?> SaveAsync(KnowledgeArticle article);

    /// <summary>Adds all of <paramref name="articles"/> in one transaction: every one of them or none.</summary>
    Task<IReadOnlyList<KnowledgeArticle>> ImportAsync(IReadOnlyList<KnowledgeArticle> articles);

    /// <summary>Every article in id order, read lazily (export).</summary>
    IEnumerable<KnowledgeArticle> All();

    /// <summary>Articles saved after change <paramref name="sequence"/>, in change order: what an index that stopped there lacks.</summary>
    IEnumerable<KnowledgeArticle> ChangedSince(long sequence);
}

/// <summary>Told once a save has committed, on the saving thread: implementations only update what they derive.</summary>
internal interface IKnowledgeChangeListener
{
    /// <param name="saved">The articles as stored.</param>
    /// <param name="complete">Every change up to this sequence has committed (none still in flight): safe to remember as done.</param>
    void Committed(IReadOnlyList<KnowledgeArticle> saved, long complete);
}
