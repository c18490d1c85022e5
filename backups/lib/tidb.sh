# shellcheck shell=bash
# TiDB/BR helpers shared by caddy-tidb-backup and caddy-tidb-restore. Sourced, never executed.

# Shared filesystems BR can write to from every TiKV node at once.
SHARED_FSTYPES_RE='^(nfs|nfs4|cifs|smb3|ceph|glusterfs|fuse\.glusterfs|fuse\.cephfs|lustre|gpfs|beegfs)$'

# resolve_storage BASE: sets STORAGE_KIND (nfs|remote), NFS_PATH, and checks the choice.
# BR makes every TiKV write its own SST files to the storage URL, so a path must be the same
# shared mount on every TiKV node and on this host; `local://` on a local disk scatters the
# backup across the TiKV nodes and is refused.
resolve_storage() {
  local base=$1
  NFS_PATH=''
  case $base in
    local://*|file://*|noop://*)
      die "$EX_PRECONDITION" "refusing '$base': local:// leaves each TiKV's part of the backup on that TiKV's own disk. Give the NFS mount path (/mnt/...) or an s3:// URL" ;;
    s3://*|gcs://*|gs://*|azure://*|azblob://*)
      STORAGE_KIND=remote ;;
    /*)
      STORAGE_KIND=nfs
      NFS_PATH=${base%/}
      if [[ ${NO_MOUNT_CHECK:-0} != 1 ]]; then
        local fstype
        fstype=$(findmnt -n -o FSTYPE --target "$NFS_PATH" 2>/dev/null || true)
        [[ $fstype =~ $SHARED_FSTYPES_RE ]] \
          || die "$EX_PRECONDITION" "$NFS_PATH is on '${fstype:-nothing}', not a shared filesystem (NFS, CephFS ...); mount the same share on every TiKV node and here, or use s3://"
      fi ;;
    *)
      die "$EX_USAGE" "--storage must be an absolute path on a shared mount or an s3:// URL, got '$base'" ;;
  esac
  STORAGE_BASE=${base%/}
}

# storage_url SUBPATH: the BR URL of SUBPATH under the base (query string kept last).
storage_url() {
  local sub=$1
  if [[ $STORAGE_KIND == nfs ]]; then
    printf 'local://%s/%s\n' "$NFS_PATH" "$sub"
  else
    local path=${STORAGE_BASE%%\?*} query=''
    [[ $STORAGE_BASE == *\?* ]] && query="?${STORAGE_BASE#*\?}"
    printf '%s/%s%s\n' "${path%/}" "$sub" "$query"
  fi
}

# br_cmd ARGS...: the br invocation with the connection flags every subcommand needs.
br_tls_flags() {
  BR_TLS=()
  [[ -n ${BR_CA:-} ]] && BR_TLS+=(--ca "$BR_CA")
  [[ -n ${BR_CERT:-} ]] && BR_TLS+=(--cert "$BR_CERT")
  [[ -n ${BR_KEY:-} ]] && BR_TLS+=(--key "$BR_KEY")
  return 0
}

# tso_to_unix TSO: TiDB TSO (physical ms << 18 | logical) to Unix seconds.
tso_to_unix() { echo $(( ($1 >> 18) / 1000 )); }

# catalog_file: the catalog of full backups (stamp, url, backup TSO, backup Unix time).
catalog_file() { printf '%s/tidb-full-backups.tsv\n' "$STATE_DIR"; }

# catalog_read: catalog lines, newest first; falls back to the copy on the NFS share.
catalog_read() {
  local f
  f=$(catalog_file)
  if [[ ! -s $f && -n $NFS_PATH && -s $NFS_PATH/catalog.tsv ]]; then f=$NFS_PATH/catalog.tsv; fi
  [[ -s $f ]] || return 0
  grep -v '^#' "$f" | sort -r
}
