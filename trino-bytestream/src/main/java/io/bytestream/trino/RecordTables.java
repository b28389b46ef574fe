package io.bytestream.trino;

import com.google.common.collect.ImmutableList;
import com.google.inject.Inject;
import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.bytestream.arrow.IpcColumn;
import io.bytestream.arrow.IpcFormatException;
import io.bytestream.arrow.IpcSchemaReader;
import io.bytestream.arrow.UnsupportedArrowTypeException;
import io.bytestream.delta.DataFile;
import io.bytestream.delta.DeltaTableLog;
import io.bytestream.parquet.FileColumn;
import io.bytestream.parquet.ParquetDataFile;
import io.bytestream.parquet.ParquetDataFile.DataFilePages;
import io.delta.kernel.Snapshot;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.filesystem.TrinoFileSystemFactory;
import io.trino.filesystem.TrinoInputFile;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.TrinoException;
import io.trino.spi.block.Block;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.type.Type;

import java.io.IOException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import static io.bytestream.trino.BytestreamColumnHandle.PATH_COLUMN_NAME;
import static io.bytestream.trino.BytestreamColumnHandle.hiddenName;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_BAD_DELTA_LOG;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_BAD_RECORD;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_FILESYSTEM_ERROR;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_INVALID_VERSION;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_NOT_A_RECORD_TABLE;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_UNSUPPORTED_TYPE;
import static io.bytestream.trino.DataFileErrors.dataFileException;
import static io.bytestream.trino.DataFileErrors.failureMessage;
import static io.trino.memory.context.AggregatedMemoryContext.newSimpleAggregatedMemoryContext;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Locale.ROOT;
import static java.util.Objects.requireNonNull;

/**
 * Finds record tables under the root location and describes them: {@code <root>/<schema>/<table>/_delta_log/}.
 */
public class RecordTables
{
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final String DELTA_LOG = "_delta_log";

    private final TrinoFileSystemFactory fileSystemFactory;
    private final Location root;
    private final String contentColumn;
    private final MetadataCache cache;

    @Inject
    public RecordTables(TrinoFileSystemFactory fileSystemFactory, MetadataCache cache, BytestreamConfig config)
    {
        this.fileSystemFactory = requireNonNull(fileSystemFactory, "fileSystemFactory is null");
        this.cache = requireNonNull(cache, "cache is null");
        String rootLocation = config.getRootLocation();
        this.root = Location.of(rootLocation.endsWith("/") ? rootLocation.substring(0, rootLocation.length() - 1) : rootLocation);
        this.contentColumn = config.getContentColumn();
    }

    public String contentColumn()
    {
        return contentColumn;
    }

    public TrinoFileSystem fileSystem(ConnectorSession session)
    {
        return fileSystemFactory.create(session);
    }

    public DeltaTableLog log(ConnectorSession session)
    {
        return new DeltaTableLog(fileSystem(session));
    }

    /** A name users can type: lower-case identifier, so no name can address anything outside the root. */
    public static boolean isValidName(String name)
    {
        return IDENTIFIER.matcher(name).matches();
    }

    public List<String> listSchemas(ConnectorSession session)
    {
        return listSubfolders(fileSystem(session), root);
    }

    public boolean schemaExists(ConnectorSession session, String schema)
    {
        if (!isValidName(schema)) {
            return false;
        }
        try {
            return fileSystem(session).directoryExists(root.appendPath(schema)).orElse(true);
        }
        catch (IOException e) {
            throw new TrinoException(BYTESTREAM_FILESYSTEM_ERROR, "Cannot check schema folder %s: %s".formatted(root.appendPath(schema), failureMessage(e)), e);
        }
    }

    public List<SchemaTableName> listTables(ConnectorSession session, Optional<String> schema)
    {
        TrinoFileSystem fileSystem = fileSystem(session);
        List<String> schemaNames = schema.map(List::of).orElseGet(() -> listSchemas(session));
        ImmutableList.Builder<SchemaTableName> tables = ImmutableList.builder();
        for (String schemaName : schemaNames) {
            if (!isValidName(schemaName)) {
                continue;
            }
            for (String tableName : listSubfolders(fileSystem, root.appendPath(schemaName))) {
                if (listSubfolders(fileSystem, tableLocation(schemaName, tableName), false).contains(DELTA_LOG)) {
                    tables.add(new SchemaTableName(schemaName, tableName));
                }
            }
        }
        return tables.build();
    }

    public Location tableLocation(String schema, String table)
    {
        return root.appendPath(schema).appendPath(table);
    }

    /** The snapshot of the table at {@code version} or the latest one; empty when there is no such table. */
    public Optional<Snapshot> loadSnapshot(ConnectorSession session, SchemaTableName name, OptionalLong version)
    {
        if (!isValidName(name.getSchemaName()) || !isValidName(name.getTableName())) {
            return Optional.empty();
        }
        Location location = tableLocation(name.getSchemaName(), name.getTableName());
        DeltaTableLog log = log(session);
        try {
            Optional<Snapshot> latest = latestSnapshot(log, location);
            if (version.isEmpty() || latest.isEmpty()) {
                return latest;
            }
            long wanted = version.getAsLong();
            if (wanted < 0 || wanted > latest.get().getVersion()) {
                throw new TrinoException(BYTESTREAM_INVALID_VERSION, "Table %s has no version %s: its latest version is %s".formatted(name, wanted, latest.get().getVersion()));
            }
            return Optional.of(cache.snapshot(location.toString(), wanted, () -> log.snapshotAt(location, wanted)));
        }
        catch (TrinoException e) {
            throw e;
        }
        catch (RuntimeException e) {
            throw new TrinoException(BYTESTREAM_BAD_DELTA_LOG, "Cannot read the Delta log of table %s at %s: %s".formatted(name, location, failureMessage(e)), e);
        }
    }

    /**
     * The cached newest snapshot while no later commit exists, else the newest snapshot read from the log:
     * every query sees every commit made before it started.
     */
    private Optional<Snapshot> latestSnapshot(DeltaTableLog log, Location location)
    {
        String key = location.toString();
        Optional<Snapshot> cached = cache.latestSnapshot(key);
        if (cached.isPresent() && !log.commitExists(location, cached.get().getVersion() + 1)) {
            return cached;
        }
        return cache.reloadLatestSnapshot(key, () -> log.latestSnapshot(location));
    }

    /** The snapshot a table handle is pinned to. */
    public Snapshot snapshot(ConnectorSession session, BytestreamTableHandle table)
    {
        DeltaTableLog log = log(session);
        try {
            return cache.snapshot(table.location(), table.snapshotVersion(), () -> log.snapshotAt(Location.of(table.location()), table.snapshotVersion()));
        }
        catch (TrinoException e) {
            throw e;
        }
        catch (RuntimeException e) {
            throw new TrinoException(BYTESTREAM_BAD_DELTA_LOG, "Cannot read version %s of the Delta log of table %s at %s: %s".formatted(
                    table.snapshotVersion(), table.schemaTableName(), table.location(), failureMessage(e)), e);
        }
    }

    public RecordTableSchema describe(ConnectorSession session, BytestreamTableHandle table)
    {
        try {
            return cache.schema(table.location(), table.snapshotVersion(), () -> loadSchema(session, table));
        }
        catch (TrinoException e) {
            throw e;
        }
        catch (RuntimeException e) {
            throw new TrinoException(BYTESTREAM_BAD_DELTA_LOG, "Cannot describe table %s from its Delta log at %s: %s".formatted(table.schemaTableName(), table.location(), failureMessage(e)), e);
        }
    }

    /** Forgets the cached metadata of every table, of one schema's tables, or of one table. */
    public void flushMetadataCache(Optional<String> schema, Optional<String> table)
    {
        if (schema.isEmpty()) {
            cache.flush();
            return;
        }
        String prefix = table.map(name -> tableLocation(schema.get(), name).toString())
                .orElseGet(() -> root.appendPath(schema.get()).toString() + "/");
        cache.flush(location -> table.isPresent() ? location.equals(prefix) : location.startsWith(prefix));
    }

    private RecordTableSchema loadSchema(ConnectorSession session, BytestreamTableHandle table)
    {
        DeltaTableLog log = log(session);
        Snapshot snapshot = snapshot(session, table);
        StructType outerSchema = snapshot.getSchema();
        verifyContentColumn(table.schemaTableName(), outerSchema);

        Set<String> partitionColumns = new HashSet<>(snapshot.getPartitionColumnNames());
        ImmutableList.Builder<BytestreamColumnHandle> hidden = ImmutableList.builder();
        for (StructField field : outerSchema.fields()) {
            if (field.getName().equals(contentColumn)) {
                continue;
            }
            Optional<Type> type = OuterColumnTypes.trinoType(field.getDataType());
            if (type.isPresent()) {
                BytestreamColumnHandle.Kind kind = partitionColumns.contains(field.getName()) ? BytestreamColumnHandle.Kind.PARTITION : BytestreamColumnHandle.Kind.OUTER;
                hidden.add(new BytestreamColumnHandle(hiddenName(field.getName().toLowerCase(ROOT)), field.getName(), type.get(), kind));
            }
        }
        hidden.add(new BytestreamColumnHandle(PATH_COLUMN_NAME, PATH_COLUMN_NAME, VARCHAR, BytestreamColumnHandle.Kind.PATH));

        List<IpcColumn> innerColumns = newestRecordColumns(session, log, table, snapshot);
        return new RecordTableSchema(RecordTableSchema.innerColumnHandles(innerColumns), hidden.build());
    }

    void verifyContentColumn(SchemaTableName name, StructType outerSchema)
    {
        int index = outerSchema.indexOf(contentColumn);
        if (index < 0 || !(outerSchema.at(index).getDataType() instanceof BinaryType)) {
            throw new TrinoException(BYTESTREAM_NOT_A_RECORD_TABLE, "Table %s is not a record table: it has no binary column '%s'".formatted(name, contentColumn));
        }
    }

    /**
     * The Arrow schema of the newest record: the last record of the most recently written data file.
     */
    private List<IpcColumn> newestRecordColumns(ConnectorSession session, DeltaTableLog log, BytestreamTableHandle table, Snapshot snapshot)
    {
        List<DataFile> files = log.activeFiles(snapshot, Optional.empty()).stream()
                .sorted(Comparator.comparingLong(DataFile::modificationTime).thenComparing(DataFile::path).reversed())
                .toList();
        for (DataFile file : files) {
            Optional<Slice> content = lastContent(session, table, file);
            if (content.isPresent()) {
                Slice stream = content.get();
                try {
                    return IpcSchemaReader.readColumns(stream);
                }
                catch (UnsupportedArrowTypeException e) {
                    throw new TrinoException(BYTESTREAM_UNSUPPORTED_TYPE, "Table %s: the newest record in data file %s has a type that cannot be mapped: %s".formatted(table.schemaTableName(), file.path(), e.getMessage()), e);
                }
                catch (IpcFormatException e) {
                    throw new TrinoException(BYTESTREAM_BAD_RECORD, "Table %s: the newest record in data file %s has no valid Arrow IPC schema: %s".formatted(table.schemaTableName(), file.path(), e.getMessage()), e);
                }
            }
        }
        return List.of();
    }

    /** The last non-null content of a data file: read from its last row group, or from all when that has none. */
    private Optional<Slice> lastContent(ConnectorSession session, BytestreamTableHandle table, DataFile file)
    {
        try {
            Optional<Slice> last = lastContent(session, file, true);
            return last.isPresent() ? last : lastContent(session, file, false);
        }
        catch (IOException | RuntimeException e) {
            throw dataFileException(table.schemaTableName(), file, e);
        }
    }

    private Optional<Slice> lastContent(ConnectorSession session, DataFile file, boolean lastRowGroupOnly)
            throws IOException
    {
        TrinoInputFile inputFile = fileSystem(session).newInputFile(Location.of(file.path()), file.size());
        try (ParquetDataFile dataFile = ParquetDataFile.open(inputFile, file.size(), ParquetReaderOptions.defaultOptions(), newSimpleAggregatedMemoryContext())) {
            int rowGroups = dataFile.rowGroupCount();
            if (rowGroups == 0 || (!lastRowGroupOnly && rowGroups == 1)) {
                return Optional.empty();
            }
            List<FileColumn> contentOnly = List.of(new FileColumn(contentColumn, VARBINARY));
            DataFilePages pages = lastRowGroupOnly ? dataFile.read(contentOnly, List.of(rowGroups - 1)) : dataFile.read(contentOnly);
            Slice last = null;
            for (DataFilePages.Page page = pages.next(); page != null; page = pages.next()) {
                Block content = page.block(0);
                for (int position = page.positionCount() - 1; position >= 0; position--) {
                    if (!content.isNull(position)) {
                        // a copy: the page's buffers are released with the file
                        last = Slices.wrappedBuffer(VARBINARY.getSlice(content, position).getBytes());
                        break;
                    }
                }
            }
            return Optional.ofNullable(last);
        }
    }

    private static List<String> listSubfolders(TrinoFileSystem fileSystem, Location location)
    {
        return listSubfolders(fileSystem, location, true);
    }

    private static List<String> listSubfolders(TrinoFileSystem fileSystem, Location location, boolean validNamesOnly)
    {
        try {
            return fileSystem.listDirectories(location).stream()
                    .map(RecordTables::lastSegment)
                    .filter(name -> !validNamesOnly || isValidName(name))
                    .sorted()
                    .collect(ImmutableList.toImmutableList());
        }
        catch (IOException e) {
            throw new TrinoException(BYTESTREAM_FILESYSTEM_ERROR, "Cannot list %s: %s".formatted(location, failureMessage(e)), e);
        }
    }

    private static String lastSegment(Location directory)
    {
        String path = directory.path();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
