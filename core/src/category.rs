//! The content-category tree (内容分类) as editable data: first-level
//! categories such as 农村农业 and second-level hotspots such as 退耕还林.
//!
//! Categories are never deleted (old cases keep pointing at them); they are
//! deactivated instead, and a deactivated category is no longer offered for
//! new cases. A category's parent is fixed when it is created, and a parent
//! always exists before its children, so the tree can hold no cycle.

use crate::ids::CategoryId;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The separator between the names of a category path, e.g. `农村农业/土地承包`.
pub const PATH_SEPARATOR: char = '/';

/// One node of the content-category tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    id: CategoryId,
    name: String,
    parent: Option<CategoryId>,
    active: bool,
}

impl Category {
    /// The category's id.
    pub fn id(&self) -> CategoryId {
        self.id
    }

    /// The category's own name, e.g. `土地承包`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The parent category; `None` for a first-level category.
    pub fn parent(&self) -> Option<CategoryId> {
        self.parent
    }

    /// Whether the category itself is active. A category whose ancestor is
    /// inactive is not offered either: see [`CategoryTree::is_offered`].
    pub fn is_active(&self) -> bool {
        self.active
    }
}

/// Why an edit of the category tree was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CategoryError {
    /// The name was empty (or only spaces).
    #[error("分类名称不能为空")]
    EmptyName,
    /// The name contains the path separator.
    #[error("分类名称“{name}”不能包含“/”")]
    NameHasSeparator {
        /// The name given.
        name: String,
    },
    /// A sibling already has this name.
    #[error("“{under}”下已有名为“{name}”的分类")]
    DuplicateName {
        /// The name given.
        name: String,
        /// The parent's path, or `顶级分类` for first-level categories.
        under: String,
    },
    /// No category has this id.
    #[error("找不到编号为{id}的分类")]
    Unknown {
        /// The id given.
        id: CategoryId,
    },
    /// The chosen parent is deactivated.
    #[error("上级分类“{parent}”已停用，不能在其下新增分类")]
    ParentInactive {
        /// The parent's path.
        parent: String,
    },
    /// Stored data does not describe a valid tree.
    #[error("分类数据已损坏：{why}")]
    Corrupt {
        /// What is wrong.
        why: String,
    },
}

/// The content-category tree, with its own id counter (ids are never reused).
///
/// ```
/// use xinfang_core::CategoryTree;
/// let tree = CategoryTree::default_tree();
/// let k = tree.find("退耕还林").unwrap().id();
/// assert_eq!(tree.path(k), "农村农业/退耕还林");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CategoryTreeData")]
pub struct CategoryTree {
    /// In id order, which is creation order.
    categories: Vec<Category>,
    /// The id the next category will get.
    next_id: CategoryId,
}

/// The stored shape of a [`CategoryTree`], validated on load.
#[derive(Deserialize)]
struct CategoryTreeData {
    categories: Vec<Category>,
    next_id: CategoryId,
}

impl TryFrom<CategoryTreeData> for CategoryTree {
    type Error = CategoryError;

    fn try_from(data: CategoryTreeData) -> Result<Self, Self::Error> {
        let corrupt = |why: String| CategoryError::Corrupt { why };
        let mut tree = CategoryTree::empty();
        let mut last: Option<CategoryId> = None;
        for c in data.categories {
            if last.is_some_and(|l| l >= c.id) {
                return Err(corrupt(format!("编号{}重复或顺序错乱", c.id)));
            }
            if c.id >= data.next_id {
                return Err(corrupt(format!("编号{}不小于计数器{}", c.id, data.next_id)));
            }
            // A parent is always created before its children.
            if let Some(p) = c.parent {
                if tree.get(p).is_none() {
                    return Err(corrupt(format!("分类{}的上级{}不存在", c.id, p)));
                }
            }
            let name = tree.check_name(&c.name, c.parent, None)?;
            last = Some(c.id);
            tree.categories.push(Category { name, ..c });
        }
        tree.next_id = data.next_id;
        Ok(tree)
    }
}

/// The default first-level categories, in display order.
const DEFAULT_ROOTS: [&str; 18] = [
    "城乡建设",
    "农村农业",
    "国土资源",
    "劳动和社会保障",
    "卫生健康",
    "教育文体",
    "民政",
    "政法",
    "经济管理",
    "交通运输",
    "商贸旅游",
    "科技与信息产业",
    "生态环境",
    "党务政务",
    "组织人事",
    "纪检监察",
    "退役军人事务",
    "其他",
];

/// The default second-level hotspots (from the seed documents), each with
/// the first-level category it sits under.
const DEFAULT_HOTSPOTS: [(&str, &str); 17] = [
    ("城乡建设", "城镇建设"),
    ("城乡建设", "集中供热"),
    ("农村农业", "土地承包"),
    ("农村农业", "退耕还林"),
    ("农村农业", "村务公开"),
    ("国土资源", "土地征用"),
    ("国土资源", "征地拆迁"),
    ("劳动和社会保障", "拖欠工资"),
    ("劳动和社会保障", "劳资纠纷"),
    ("劳动和社会保障", "下岗职工安置"),
    ("教育文体", "清退代课教师"),
    ("教育文体", "民办教师"),
    ("政法", "涉法涉诉"),
    ("经济管理", "企业改制"),
    ("交通运输", "交通治理"),
    ("组织人事", "人事待遇"),
    ("退役军人事务", "退役军人待遇"),
];

impl CategoryTree {
    /// A tree with no category.
    pub fn empty() -> Self {
        CategoryTree { categories: Vec::new(), next_id: CategoryId::new(1) }
    }

    /// The default tree: the 18 first-level categories seen in practice and
    /// the second-level hotspots named in the seed documents.
    pub fn default_tree() -> Self {
        let mut tree = CategoryTree::empty();
        for root in DEFAULT_ROOTS {
            tree.add(root, None).expect("default roots are distinct");
        }
        for (parent, name) in DEFAULT_HOTSPOTS {
            let parent = tree.find(parent).map(Category::id);
            tree.add(name, parent).expect("default hotspots are distinct");
        }
        tree
    }

    /// Adds a category under `parent` (`None` for a first-level category)
    /// and returns its new id. The name is trimmed; it must be non-empty,
    /// free of `/` and unique among its siblings, and the parent must exist
    /// and be active.
    pub fn add(
        &mut self,
        name: &str,
        parent: Option<CategoryId>,
    ) -> Result<CategoryId, CategoryError> {
        if let Some(p) = parent {
            let pc = self.require(p)?;
            if !pc.active {
                return Err(CategoryError::ParentInactive { parent: self.path(p) });
            }
        }
        let name = self.check_name(name, parent, None)?;
        let id = self.next_id;
        self.categories.push(Category { id, name, parent, active: true });
        self.next_id = id.next();
        Ok(id)
    }

    /// Renames a category, with the same rules for the name as [`add`](Self::add).
    pub fn rename(&mut self, id: CategoryId, name: &str) -> Result<(), CategoryError> {
        let parent = self.require(id)?.parent;
        let name = self.check_name(name, parent, Some(id))?;
        self.get_mut(id)?.name = name;
        Ok(())
    }

    /// Activates or deactivates a category. A deactivated category stays in
    /// the tree (old cases keep it) but is no longer offered, nor are its
    /// descendants.
    pub fn set_active(&mut self, id: CategoryId, active: bool) -> Result<(), CategoryError> {
        self.get_mut(id)?.active = active;
        Ok(())
    }

    /// The category with this id.
    pub fn get(&self, id: CategoryId) -> Option<&Category> {
        self.categories.binary_search_by_key(&id, |c| c.id).ok().map(|i| &self.categories[i])
    }

    /// The number of categories, active or not.
    pub fn len(&self) -> usize {
        self.categories.len()
    }

    /// Whether the tree has no category.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
    }

    /// The first-level categories, in creation order.
    pub fn roots(&self) -> impl Iterator<Item = &Category> + '_ {
        self.categories.iter().filter(|c| c.parent.is_none())
    }

    /// The direct children of `id`, in creation order.
    pub fn children(&self, id: CategoryId) -> impl Iterator<Item = &Category> + '_ {
        self.categories.iter().filter(move |c| c.parent == Some(id))
    }

    /// The chain from `id` up to its first-level category, `id` first.
    /// Empty if `id` is unknown.
    pub fn ancestors(&self, id: CategoryId) -> impl Iterator<Item = &Category> + '_ {
        std::iter::successors(self.get(id), move |c| c.parent.and_then(|p| self.get(p)))
    }

    /// The full path, e.g. `农村农业/土地承包`. An unknown id gives
    /// `未知分类K9` rather than failing, so old records still display.
    pub fn path(&self, id: CategoryId) -> String {
        let mut names: Vec<&str> = self.ancestors(id).map(|c| c.name.as_str()).collect();
        if names.is_empty() {
            return format!("未知分类{id}");
        }
        names.reverse();
        names.join(&PATH_SEPARATOR.to_string())
    }

    /// Whether `id` is `ancestor` itself or lies below it.
    pub fn is_within(&self, id: CategoryId, ancestor: CategoryId) -> bool {
        self.ancestors(id).any(|c| c.id == ancestor)
    }

    /// The first-level category that `id` lies under (itself if it is one).
    pub fn top_level_of(&self, id: CategoryId) -> Option<CategoryId> {
        self.ancestors(id).last().map(|c| c.id)
    }

    /// Whether the category may be chosen for a new case: it and all its
    /// ancestors are active.
    pub fn is_offered(&self, id: CategoryId) -> bool {
        self.get(id).is_some() && self.ancestors(id).all(|c| c.active)
    }

    /// The first category (in [`iter`](Self::iter) order) named exactly
    /// `name` (trimmed). Names are unique among siblings only; use
    /// [`find_path`](Self::find_path) when a name may repeat.
    pub fn find(&self, name: &str) -> Option<&Category> {
        let name = name.trim();
        self.iter().find(|c| c.name == name)
    }

    /// The category at a full path such as `农村农业/土地承包`.
    pub fn find_path(&self, path: &str) -> Option<&Category> {
        let mut parent: Option<CategoryId> = None;
        let mut found = None;
        for part in path.split(PATH_SEPARATOR) {
            let part = part.trim();
            let c = self.categories.iter().find(|c| c.parent == parent && c.name == part)?;
            parent = Some(c.id);
            found = Some(c);
        }
        found
    }

    /// Every category, active or not, depth first: each first-level category
    /// followed by its descendants, siblings in creation order.
    pub fn iter(&self) -> impl Iterator<Item = &Category> + '_ {
        let mut order = Vec::with_capacity(self.categories.len());
        let mut stack: Vec<&Category> = self.roots().collect();
        stack.reverse();
        while let Some(c) = stack.pop() {
            order.push(c);
            let before = stack.len();
            stack.extend(self.children(c.id));
            stack[before..].reverse();
        }
        order.into_iter()
    }

    /// The categories offered for new cases (see [`is_offered`](Self::is_offered)),
    /// in [`iter`](Self::iter) order.
    pub fn offered(&self) -> impl Iterator<Item = &Category> + '_ {
        self.iter().filter(|c| self.is_offered(c.id))
    }

    fn require(&self, id: CategoryId) -> Result<&Category, CategoryError> {
        self.get(id).ok_or(CategoryError::Unknown { id })
    }

    fn get_mut(&mut self, id: CategoryId) -> Result<&mut Category, CategoryError> {
        match self.categories.binary_search_by_key(&id, |c| c.id) {
            Ok(i) => Ok(&mut self.categories[i]),
            Err(_) => Err(CategoryError::Unknown { id }),
        }
    }

    /// Trims and validates a name for a category under `parent`, ignoring
    /// the category `except` (the one being renamed).
    fn check_name(
        &self,
        name: &str,
        parent: Option<CategoryId>,
        except: Option<CategoryId>,
    ) -> Result<String, CategoryError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(CategoryError::EmptyName);
        }
        if name.contains(PATH_SEPARATOR) {
            return Err(CategoryError::NameHasSeparator { name: name.to_string() });
        }
        let taken = self
            .categories
            .iter()
            .any(|c| c.parent == parent && Some(c.id) != except && c.name == name);
        if taken {
            let under = match parent {
                Some(p) => self.path(p),
                None => "顶级分类".to_string(),
            };
            return Err(CategoryError::DuplicateName { name: name.to_string(), under });
        }
        Ok(name.to_string())
    }
}

impl<'a> IntoIterator for &'a CategoryTree {
    type Item = &'a Category;
    type IntoIter = std::vec::IntoIter<&'a Category>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter().collect::<Vec<_>>().into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn id(tree: &CategoryTree, name: &str) -> CategoryId {
        tree.find(name).unwrap_or_else(|| panic!("no category {name}")).id()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn default_tree_has_the_eighteen_roots_and_the_hotspots() {
        let tree = CategoryTree::default_tree();
        let roots: Vec<&str> = tree.roots().map(Category::name).collect();
        assert_eq!(roots, DEFAULT_ROOTS);
        assert_eq!(tree.len(), 18 + DEFAULT_HOTSPOTS.len());
        for (parent, name) in [
            ("农村农业", "土地承包"),
            ("农村农业", "退耕还林"),
            ("农村农业", "村务公开"),
            ("国土资源", "征地拆迁"),
            ("国土资源", "土地征用"),
            ("劳动和社会保障", "拖欠工资"),
            ("劳动和社会保障", "劳资纠纷"),
            ("劳动和社会保障", "下岗职工安置"),
            ("教育文体", "清退代课教师"),
            ("教育文体", "民办教师"),
            ("政法", "涉法涉诉"),
            ("城乡建设", "集中供热"),
            ("城乡建设", "城镇建设"),
            ("经济管理", "企业改制"),
            ("退役军人事务", "退役军人待遇"),
            ("组织人事", "人事待遇"),
            ("交通运输", "交通治理"),
        ] {
            let k = id(&tree, name);
            assert_eq!(tree.get(k).unwrap().parent(), Some(id(&tree, parent)), "{name}");
            assert_eq!(tree.path(k), format!("{parent}/{name}"));
        }
        assert!(tree.iter().all(|c| c.is_active()));
        // Every id is distinct and the counter is past them all.
        let ids: Vec<CategoryId> = tree.iter().map(Category::id).collect();
        let distinct: std::collections::HashSet<_> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len());
        assert!(ids.iter().all(|&k| k < tree.next_id));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn iter_is_depth_first_in_creation_order() {
        let tree = CategoryTree::default_tree();
        let names: Vec<&str> = tree.iter().map(Category::name).take(7).collect();
        assert_eq!(
            names,
            ["城乡建设", "城镇建设", "集中供热", "农村农业", "土地承包", "退耕还林", "村务公开"]
        );
        assert_eq!(tree.iter().count(), tree.len());
        assert_eq!((&tree).into_iter().last().unwrap().name(), "其他");
        let kids: Vec<&str> = tree.children(id(&tree, "国土资源")).map(Category::name).collect();
        assert_eq!(kids, ["土地征用", "征地拆迁"]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn paths_and_ancestry() {
        let mut tree = CategoryTree::default_tree();
        let rural = id(&tree, "农村农业");
        let land = id(&tree, "土地承包");
        let sub = tree.add("承包合同纠纷", Some(land)).unwrap();
        assert_eq!(tree.path(sub), "农村农业/土地承包/承包合同纠纷");
        assert!(tree.is_within(sub, rural));
        assert!(tree.is_within(sub, land));
        assert!(tree.is_within(sub, sub), "a category is within itself");
        assert!(!tree.is_within(rural, sub));
        assert!(!tree.is_within(sub, id(&tree, "国土资源")));
        assert_eq!(tree.top_level_of(sub), Some(rural));
        assert_eq!(tree.top_level_of(rural), Some(rural));
        assert_eq!(tree.top_level_of(CategoryId::new(999)), None);
        assert_eq!(tree.path(CategoryId::new(999)), "未知分类K999");
        assert_eq!(tree.find_path("农村农业/土地承包/承包合同纠纷").map(Category::id), Some(sub));
        assert_eq!(tree.find_path(" 农村农业 / 土地承包 ").map(Category::id), Some(land));
        assert!(tree.find_path("国土资源/土地承包").is_none());
        assert!(tree.find("不存在").is_none());
        let chain: Vec<&str> = tree.ancestors(sub).map(Category::name).collect();
        assert_eq!(chain, ["承包合同纠纷", "土地承包", "农村农业"]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn add_rejects_bad_names_and_parents() {
        let mut tree = CategoryTree::default_tree();
        let rural = id(&tree, "农村农业");
        assert_eq!(tree.add("  ", None), Err(CategoryError::EmptyName));
        let err = tree.add("土地承包", Some(rural)).unwrap_err();
        assert_eq!(err.to_string(), "“农村农业”下已有名为“土地承包”的分类");
        let err = tree.add("民政", None).unwrap_err();
        assert_eq!(err.to_string(), "“顶级分类”下已有名为“民政”的分类");
        let err = tree.add("土地/林地", Some(rural)).unwrap_err();
        assert!(err.to_string().contains("不能包含“/”"), "{err}");
        let err = tree.add("x", Some(CategoryId::new(999))).unwrap_err();
        assert_eq!(err.to_string(), "找不到编号为K999的分类");
        // The same name under a different parent is fine.
        let k = tree.add(" 土地承包 ", Some(id(&tree, "国土资源"))).unwrap();
        assert_eq!(tree.get(k).unwrap().name(), "土地承包", "trimmed");
        // find gives the first in tree order.
        assert_eq!(tree.find("土地承包").unwrap().parent(), Some(rural));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn ids_are_never_reused() {
        let mut tree = CategoryTree::empty();
        assert!(tree.is_empty());
        let a = tree.add("甲", None).unwrap();
        assert_eq!(a, CategoryId::new(1));
        assert!(tree.add("甲", None).is_err());
        let b = tree.add("乙", None).unwrap();
        assert_eq!(b, a.next(), "a failed add does not consume an id");
        tree.set_active(a, false).unwrap();
        let c = tree.add("丙", None).unwrap();
        assert!(c > b);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn rename_checks_siblings_but_not_itself() {
        let mut tree = CategoryTree::default_tree();
        let k = id(&tree, "退耕还林");
        tree.rename(k, "退耕还林").unwrap();
        tree.rename(k, "退耕还林还草").unwrap();
        assert_eq!(tree.path(k), "农村农业/退耕还林还草");
        assert!(matches!(tree.rename(k, "土地承包"), Err(CategoryError::DuplicateName { .. })));
        assert_eq!(tree.rename(k, ""), Err(CategoryError::EmptyName));
        assert!(tree.rename(CategoryId::new(999), "x").is_err());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn deactivated_categories_stay_but_are_not_offered() {
        let mut tree = CategoryTree::default_tree();
        let edu = id(&tree, "教育文体");
        let teachers = id(&tree, "民办教师");
        tree.set_active(edu, false).unwrap();
        assert!(tree.get(teachers).unwrap().is_active());
        assert!(!tree.is_offered(edu));
        assert!(!tree.is_offered(teachers), "below an inactive parent");
        assert_eq!(tree.path(teachers), "教育文体/民办教师", "still displayed");
        assert_eq!(tree.offered().count(), tree.len() - 3);
        let err = tree.add("学前教育", Some(edu)).unwrap_err();
        assert_eq!(err.to_string(), "上级分类“教育文体”已停用，不能在其下新增分类");
        tree.set_active(edu, true).unwrap();
        assert!(tree.is_offered(teachers));
        assert!(tree.set_active(CategoryId::new(999), false).is_err());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn serde_round_trip_and_validation() {
        let mut tree = CategoryTree::default_tree();
        tree.set_active(id(&tree, "其他"), false).unwrap();
        let json = serde_json::to_string(&tree).unwrap();
        let back: CategoryTree = serde_json::from_str(&json).unwrap();
        assert_eq!(back, tree);

        let bad = r#"{"categories":[{"id":1,"name":"甲","parent":2,"active":true},
                     {"id":2,"name":"乙","parent":1,"active":true}],"next_id":3}"#;
        let err = serde_json::from_str::<CategoryTree>(bad).unwrap_err();
        assert!(err.to_string().contains("分类数据已损坏"), "{err}");
        let reused =
            r#"{"categories":[{"id":1,"name":"甲","parent":null,"active":true}],"next_id":1}"#;
        assert!(serde_json::from_str::<CategoryTree>(reused).is_err());
        let dup = r#"{"categories":[{"id":1,"name":"甲","parent":null,"active":true},
                     {"id":2,"name":"甲","parent":null,"active":true}],"next_id":3}"#;
        assert!(serde_json::from_str::<CategoryTree>(dup).is_err());
    }
}
